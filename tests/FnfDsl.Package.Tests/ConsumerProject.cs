using System.Globalization;
using System.Xml.Linq;

namespace FnfDsl.Package.Tests;

/// <summary>
/// A brand-new project of an analyst, in a folder outside the repository: the fnfdsl-analysis template's files, copied
/// or made by <c>dotnet new</c>. It references the FnfDsl package from a local feed and nothing of the repository.
/// </summary>
internal sealed class ConsumerProject
{
    /// <summary>The token the template's .csproj has where the package version goes (the template package stamps it).</summary>
    public const string VersionToken = "FNFDSL_VERSION";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    private ConsumerProject(string folder, string packages)
    {
        Folder = folder;
        PackagesFolder = packages;
    }

    /// <summary>The project folder.</summary>
    public string Folder { get; }

    /// <summary>The package cache the project restores into: its own, not the machine's.</summary>
    public string PackagesFolder { get; }

    /// <summary>The build output, where the native libraries are copied to and patched.</summary>
    public string OutputFolder => Path.Combine(Folder, "bin", "Release", "net10.0");

    /// <summary>The template's files copied into <paramref name="folder"/>, with the feed's package version.</summary>
    public static ConsumerProject FromFiles(string folder, PackageFeed feed, string packages)
    {
        AssertNoDirectoryBuildFilesAbove(folder);
        string source = Repository.AnalysisTemplate;
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file);
            // The template's settings are not part of the project, nor are outputs of a build in the template folder.
            if (new[] { ".template.config", "bin", "obj" }.Any(skipped => relative.StartsWith(skipped + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
                continue;
            string target = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            string text = File.ReadAllText(file);
            File.WriteAllText(target, file.EndsWith(".csproj", StringComparison.Ordinal) ? text.Replace(VersionToken, feed.Version, StringComparison.Ordinal) : text);
        }
        WriteNuGetConfig(folder, feed, packages);
        return new ConsumerProject(folder, packages);
    }

    /// <summary>
    /// <c>dotnet new fnfdsl-analysis -n <paramref name="name"/></c> into <paramref name="folder"/>, with the template
    /// package installed from the feed into <paramref name="hive"/> (a template store of its own: the user's is untouched).
    /// </summary>
    public static ConsumerProject FromTemplate(string folder, string name, PackageFeed feed, string packages, string hive)
    {
        AssertNoDirectoryBuildFilesAbove(folder);
        var install = Dotnet.Run(Path.GetDirectoryName(folder)!, Timeout, null, "new", "install", feed.TemplatePackage, "--debug:custom-hive", hive);
        Assert.True(install.ExitCode == 0, install.ToString());
        var create = Dotnet.Run(Path.GetDirectoryName(folder)!, Timeout, null, "new", "fnfdsl-analysis", "-n", name, "-o", folder, "--debug:custom-hive", hive);
        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.True(File.Exists(Path.Combine(folder, name + ".csproj")), $"no {name}.csproj in {folder}:\n{create}");
        WriteNuGetConfig(folder, feed, packages);
        return new ConsumerProject(folder, packages);
    }

    /// <summary>Restores and builds in Release, with warnings as errors.</summary>
    public CommandResult Build() =>
        Dotnet.Run(Folder, Timeout, Environment(), "build", "-c", "Release", "-p:TreatWarningsAsErrors=true", "-p:UseSharedCompilation=false", "-nodeReuse:false");

    /// <summary><c>dotnet run</c> in Release with the program's arguments (it builds again first, incrementally).</summary>
    public CommandResult Run(params string[] arguments) =>
        Dotnet.Run(Folder, Timeout, Environment(),
            ["run", "-c", "Release", "--property:TreatWarningsAsErrors=true", "--property:UseSharedCompilation=false", "--", .. arguments]);

    /// <summary>The <c>name=value</c> lines a run printed, as numbers.</summary>
    public static IReadOnlyDictionary<string, double> Values(CommandResult run) =>
        run.Stdout.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture));

    // A Directory.Build.* file above the folder would apply to the project: it must see the package alone.
    private static void AssertNoDirectoryBuildFilesAbove(string folder)
    {
        for (var directory = new DirectoryInfo(folder).Parent; directory is not null; directory = directory.Parent)
        {
            foreach (string name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
                Assert.False(File.Exists(Path.Combine(directory.FullName, name)), $"{name} in {directory.FullName} would apply to the consumer project.");
        }
    }

    // The machine's package sources (user and machine config) stay: the feed only adds FnfDsl, whose version exists
    // nowhere else. Its own cache and no fallback folders: TorchSharp and libtorch are downloaded, as on a new machine.
    private static void WriteNuGetConfig(string folder, PackageFeed feed, string packages) =>
        new XDocument(
            new XElement("configuration",
                new XElement("config", new XElement("add", new XAttribute("key", "globalPackagesFolder"), new XAttribute("value", packages))),
                new XElement("packageSources", new XElement("add", new XAttribute("key", "fnfdsl-test-feed"), new XAttribute("value", feed.Folder))),
                new XElement("fallbackPackageFolders", new XElement("clear"))))
            .Save(Path.Combine(folder, "nuget.config"));

    // The cache comes from the project's nuget.config, also when the caller's environment names other folders.
    private Dictionary<string, string?> Environment() => new()
    {
        ["NUGET_PACKAGES"] = PackagesFolder,
        ["NUGET_FALLBACK_PACKAGES"] = null,
    };
}
