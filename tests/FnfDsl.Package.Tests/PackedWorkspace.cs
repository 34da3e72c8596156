using System.Diagnostics;

namespace FnfDsl.Package.Tests;

/// <summary>
/// A temporary folder outside the repository with both packages packed into a local feed once for the tests of a
/// class, and one package cache that the consumer projects there share (downloaded afresh, about 1.4 GB with libtorch).
/// </summary>
public sealed class PackedWorkspace : IDisposable
{
    public PackedWorkspace()
    {
        var clock = Stopwatch.StartNew();
        Folder = Directory.CreateTempSubdirectory("fnfdsl-consumer-").FullName;
        try
        {
            Feed = PackageFeed.Pack(Path.Combine(Folder, "feed"), Path.Combine(Folder, "scratch"));
        }
        catch
        {
            // xunit does not dispose a fixture whose constructor failed.
            Directory.Delete(Folder, recursive: true);
            throw;
        }
        PackSeconds = clock.Elapsed.TotalSeconds;
    }

    /// <summary>The workspace folder.</summary>
    public string Folder { get; }

    /// <summary>The shared package cache of the consumer projects.</summary>
    public string Packages => Path.Combine(Folder, "packages");

    internal PackageFeed Feed { get; }

    /// <summary>How long packing took.</summary>
    public double PackSeconds { get; }

    // The cache and the projects' outputs hold libtorch several times: gigabytes.
    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
