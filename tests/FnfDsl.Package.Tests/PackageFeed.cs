using System.Reflection;
using System.Xml.Linq;

namespace FnfDsl.Package.Tests;

/// <summary>
/// A local package feed: a folder holding the FnfDsl, FnfDsl.Pipeline and FnfDsl.Templates packages, packed from this
/// repository's build outputs with one version of their own.
/// </summary>
internal sealed record PackageFeed(string Folder, string Version)
{
    // The configuration this test assembly was built in: its project references built the packed projects in it too.
    private static readonly string Configuration =
        typeof(PackageFeed).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>The template package's file.</summary>
    public string TemplatePackage => Path.Combine(Folder, $"FnfDsl.Templates.{Version}.nupkg");

    /// <summary>
    /// Packs both packages into <paramref name="folder"/>, without building (see the project references). The version is
    /// the repository's with a suffix of its own, so that no package cache can hold an older package of that version.
    /// </summary>
    public static PackageFeed Pack(string folder, string scratch)
    {
        string root = Repository.Root;
        string version = $"{RepositoryVersion(root)}-consumertest.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        foreach (string project in new[] { "src/FnfDsl.Runtime/FnfDsl.Runtime.csproj", "src/FnfDsl.Pipeline/FnfDsl.Pipeline.csproj", "templates/FnfDsl.Templates/FnfDsl.Templates.csproj" })
        {
            var result = Dotnet.Run(root, TimeSpan.FromMinutes(3), null,
                "pack", Path.Combine(root, project), "-c", Configuration, "--no-build", "-o", folder, $"-p:PackageVersion={version}",
                // The generated .nuspec goes to scratch, not into the project's obj folder.
                $"-p:NuspecOutputPath={scratch}{Path.DirectorySeparatorChar}", "-nodeReuse:false");
            Assert.True(result.ExitCode == 0, result.ToString());
        }
        var feed = new PackageFeed(folder, version);
        Assert.True(File.Exists(Path.Combine(folder, $"FnfDsl.{version}.nupkg")), $"no FnfDsl.{version}.nupkg in {folder}");
        Assert.True(File.Exists(Path.Combine(folder, $"FnfDsl.Pipeline.{version}.nupkg")), $"no FnfDsl.Pipeline.{version}.nupkg in {folder}");
        Assert.True(File.Exists(feed.TemplatePackage), $"no {feed.TemplatePackage}");
        return feed;
    }

    private static string RepositoryVersion(string root) =>
        XDocument.Load(Path.Combine(root, "Directory.Build.props")).Descendants("Version").Single().Value;
}

/// <summary>The repository these tests were built from.</summary>
internal static class Repository
{
    /// <summary>The folder holding FnfDsl.sln, found above the test's output folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The files of the fnfdsl-analysis template: the project an analyst starts from.</summary>
    public static string AnalysisTemplate => Path.Combine(Root, "templates", "FnfDsl.Templates", "content", "fnfdsl-analysis");

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
