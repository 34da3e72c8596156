using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;

namespace FnfDsl.Generators.Tests;

/// <summary>
/// The FnfDsl package is the one package an analyst adds: the runtime and the attributes to compile against,
/// the generator as an analyzer, and TorchSharp-cpu as its only dependency.
/// </summary>
public sealed class PackageLayoutTests
{
    // The configuration this test assembly was built in: the runtime and generator beside it were built in it too.
    private static readonly string Configuration =
        typeof(PackageLayoutTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    [Fact]
    public void PackageHoldsRuntimeAttributesAndGeneratorAndDependsOnTorchSharpOnly()
    {
        string root = RepositoryRoot();
        string output = Directory.CreateTempSubdirectory("fnfdsl-pack-").FullName;
        try
        {
            string package = Pack(root, output);
            using var zip = ZipFile.OpenRead(package);
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

            // Compile-time references of an analysis project: the runtime and the attributes, with their docs.
            var lib = entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
            Assert.Equal(new[]
            {
                "lib/net10.0/FnfDsl.Attributes.dll", "lib/net10.0/FnfDsl.Attributes.xml",
                "lib/net10.0/FnfDsl.Runtime.dll", "lib/net10.0/FnfDsl.Runtime.xml",
            }, lib);

            // The compiler loads every assembly under analyzers/: the generator and nothing else.
            var analyzers = entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal));
            Assert.Equal(new[] { "analyzers/dotnet/cs/FnfDsl.Generators.dll" }, analyzers);

            // The packed assemblies are the ones this test ran against, not stale copies.
            Assert.Equal(File.ReadAllBytes(typeof(FnfGenerator).Assembly.Location), Bytes(zip, "analyzers/dotnet/cs/FnfDsl.Generators.dll"));
            Assert.Equal(File.ReadAllBytes(typeof(FnfDsl.AnalysisAttribute).Assembly.Location), Bytes(zip, "lib/net10.0/FnfDsl.Attributes.dll"));

            // The TorchSharp native-library patch, for the projects that reference the package: the repository's own file.
            var build = entries.Where(e => e.StartsWith("build", StringComparison.Ordinal));
            Assert.Equal(new[] { "buildTransitive/FnfDsl.targets" }, build);
            Assert.Equal(File.ReadAllBytes(Path.Combine(root, "src", "FnfDsl.Runtime", "buildTransitive", "FnfDsl.targets")), Bytes(zip, "buildTransitive/FnfDsl.targets"));

            var nuspec = XDocument.Load(zip.GetEntry("FnfDsl.nuspec")!.Open());
            XNamespace ns = nuspec.Root!.Name.Namespace;
            var metadata = nuspec.Root.Element(ns + "metadata")!;
            Assert.Equal("FnfDsl", metadata.Element(ns + "id")!.Value);
            var dependencies = metadata.Descendants(ns + "dependency")
                .Select(d => (Id: (string)d.Attribute("id")!, Version: (string)d.Attribute("version")!))
                .ToList();
            Assert.Equal(new[] { ("TorchSharp-cpu", TorchSharpVersion(root)) }, dependencies);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    // Runs `dotnet pack` on the runtime project into the output folder; returns the package's path.
    private static string Pack(string root, string output)
    {
        string project = Path.Combine(root, "src", "FnfDsl.Runtime", "FnfDsl.Runtime.csproj");
        bool built = File.Exists(Path.Combine(root, "src", "FnfDsl.Runtime", "bin", Configuration, "net10.0", "FnfDsl.Runtime.dll"))
            && File.Exists(Path.Combine(root, "generators", "FnfDsl.Generators", "bin", Configuration, "netstandard2.0", "FnfDsl.Generators.dll"));

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        foreach (string argument in new[] { "pack", project, "-c", Configuration, "-o", output, "-nodeReuse:false", "--nologo" })
            start.ArgumentList.Add(argument);
        if (built)
            start.ArgumentList.Add("--no-build");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        bool exited = process.WaitForExit(TimeSpan.FromMinutes(5));
        if (!exited)
            process.Kill(entireProcessTree: true);
        Assert.True(exited && process.ExitCode == 0, $"dotnet pack failed:\n{stdout.Result}\n{stderr.Result}");

        return Assert.Single(Directory.GetFiles(output, "FnfDsl.*.nupkg"));
    }

    private static byte[] Bytes(ZipArchive zip, string entry)
    {
        using var stream = zip.GetEntry(entry)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string TorchSharpVersion(string root) =>
        XDocument.Load(Path.Combine(root, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(p => (string?)p.Attribute("Include") == "TorchSharp-cpu").Attribute("Version")!.Value;

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FnfDsl.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No FnfDsl.sln above {AppContext.BaseDirectory}.");
    }
}
