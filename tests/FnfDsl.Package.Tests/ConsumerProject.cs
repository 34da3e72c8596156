using System.Globalization;
using System.Xml.Linq;

namespace FnfDsl.Package.Tests;

/// <summary>
/// A brand-new project of an analyst, made from a fixture folder of this test project (e.g. Consumer/) in a folder
/// outside the repository: it references the FnfDsl package from a local feed and nothing of the repository.
/// </summary>
internal sealed class ConsumerProject
{
    /// <summary>The token the fixture's .csproj has where the package version goes.</summary>
    public const string VersionToken = "FNFDSL_VERSION";

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    private ConsumerProject(string folder, string packages)
    {
        Folder = folder;
        PackagesFolder = packages;
    }

    /// <summary>The project folder.</summary>
    public string Folder { get; }

    /// <summary>The project's own package cache: everything it restores is downloaded into it, nothing is shared.</summary>
    public string PackagesFolder { get; }

    /// <summary>The build output, where the native libraries are copied to and patched.</summary>
    public string OutputFolder => Path.Combine(Folder, "bin", "Release", "net10.0");

    /// <summary>
    /// Copies the fixture folder (beside the test assembly) into <paramref name="folder"/> with the feed's package
    /// version, and a nuget.config that adds the feed to the machine's package sources and sets the project's own cache.
    /// </summary>
    public static ConsumerProject Create(string folder, string fixture, PackageFeed feed)
    {
        // A Directory.Build.* file above the folder would apply to the consumer: it must see the package alone.
        for (var directory = new DirectoryInfo(folder).Parent; directory is not null; directory = directory.Parent)
        {
            foreach (string name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
                Assert.False(File.Exists(Path.Combine(directory.FullName, name)), $"{name} in {directory.FullName} would apply to the consumer project.");
        }

        string source = Path.Combine(AppContext.BaseDirectory, fixture);
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(folder, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            string text = File.ReadAllText(file);
            File.WriteAllText(target, file.EndsWith(".csproj", StringComparison.Ordinal) ? text.Replace(VersionToken, feed.Version, StringComparison.Ordinal) : text);
        }

        string packages = Path.Combine(folder, "packages");
        // The sources of the machine (user and machine config) stay: the feed only adds FnfDsl, whose version exists
        // nowhere else. No fallback folders: TorchSharp and libtorch are downloaded afresh, as on an analyst's machine.
        new XDocument(
            new XElement("configuration",
                new XElement("config", new XElement("add", new XAttribute("key", "globalPackagesFolder"), new XAttribute("value", packages))),
                new XElement("packageSources", new XElement("add", new XAttribute("key", "fnfdsl-test-feed"), new XAttribute("value", feed.Folder))),
                new XElement("fallbackPackageFolders", new XElement("clear"))))
            .Save(Path.Combine(folder, "nuget.config"));
        return new ConsumerProject(folder, packages);
    }

    /// <summary>Restores and builds in Release (the fixture's .csproj treats warnings as errors).</summary>
    public CommandResult Build() =>
        Dotnet.Run(Folder, BuildTimeout, Environment(), "build", "-c", "Release", "-nodeReuse:false", "-p:UseSharedCompilation=false");

    /// <summary><c>dotnet run</c> in Release with the program's arguments (it builds again first, incrementally).</summary>
    public CommandResult Run(params string[] arguments) =>
        Dotnet.Run(Folder, RunTimeout, Environment(), ["run", "-c", "Release", "--property:UseSharedCompilation=false", "--", .. arguments]);

    /// <summary>The <c>name=value</c> lines a run printed, as numbers.</summary>
    public static IReadOnlyDictionary<string, double> Values(CommandResult run) =>
        run.Stdout.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture));

    // The cache comes from the project's nuget.config, also when the caller's environment names other folders.
    private Dictionary<string, string?> Environment() => new()
    {
        ["NUGET_PACKAGES"] = PackagesFolder,
        ["NUGET_FALLBACK_PACKAGES"] = null,
    };
}
