using System.Reflection;
using System.Xml.Linq;

namespace FnfDsl.Package.Tests;

/// <summary>A local package feed: a folder holding the FnfDsl package packed from this repository's build outputs.</summary>
internal sealed record PackageFeed(string Folder, string Version)
{
    // The configuration this test assembly was built in: its project reference built the runtime in it too.
    private static readonly string Configuration =
        typeof(PackageFeed).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>
    /// Packs FnfDsl into <paramref name="folder"/>, without building (the runtime, the generator and the attributes are
    /// already built: see the project reference). The version is the repository's with a suffix of its own, so that no
    /// package cache can hold an older package of the same version.
    /// </summary>
    public static PackageFeed Pack(string folder, string scratch)
    {
        string root = Repository.Root;
        string version = $"{RepositoryVersion(root)}-consumertest.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        var result = Dotnet.Run(root, TimeSpan.FromMinutes(3), null,
            "pack", Path.Combine(root, "src", "FnfDsl.Runtime", "FnfDsl.Runtime.csproj"), "-c", Configuration, "--no-build",
            "-o", folder, $"-p:PackageVersion={version}",
            // The generated .nuspec goes to scratch, not into the runtime's obj folder.
            $"-p:NuspecOutputPath={scratch}{Path.DirectorySeparatorChar}", "-nodeReuse:false");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(folder, $"FnfDsl.{version}.nupkg")), $"no FnfDsl.{version}.nupkg in {folder}:\n{result}");
        return new PackageFeed(folder, version);
    }

    private static string RepositoryVersion(string root) =>
        XDocument.Load(Path.Combine(root, "Directory.Build.props")).Descendants("Version").Single().Value;
}

/// <summary>The repository these tests were built from.</summary>
internal static class Repository
{
    /// <summary>The folder holding FnfDsl.sln, found above the test's output folder.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FnfDsl.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No FnfDsl.sln above {AppContext.BaseDirectory}.");
    }
}
