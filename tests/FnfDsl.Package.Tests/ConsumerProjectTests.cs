using System.Text.Json;
using FnfDsl.Testing.Synthetic;
using Xunit.Abstractions;

namespace FnfDsl.Package.Tests;

/// <summary>
/// The FnfDsl package works where it is added: a new project outside the repository that references only the package
/// restores, builds with warnings as errors (the generator runs from analyzers/dotnet/cs), and runs its own analysis
/// with TorchSharp loading on this machine (the native-library patch came with the package, buildTransitive/FnfDsl.targets).
/// </summary>
public sealed class ConsumerProjectTests(PackedWorkspace workspace, ITestOutputHelper output) : IClassFixture<PackedWorkspace>
{
    [Fact]
    public void ProjectReferencingOnlyThePackageBuildsAndFitsItsOwnAnalysis()
    {
        var consumer = ConsumerProject.FromFiles(Path.Combine(workspace.Folder, "files"), workspace.Feed, workspace.Packages);

        Build(consumer);
        RunAndCheck(consumer);
        AssertOutputCopyIsPatchedAndCacheIsNot(consumer);
    }

    [Fact]
    public void DotnetNewTemplateMakesSuchAProject()
    {
        string hive = Path.Combine(workspace.Folder, "template-hive");
        var consumer = ConsumerProject.FromTemplate(Path.Combine(workspace.Folder, "template"), "My.Study", workspace.Feed, workspace.Packages, hive);

        // The same files as the test above (with the project's name in place of FnfDslAnalysis): building them proves
        // the template; running them again would only repeat the fit.
        Build(consumer);
        AssertOutputCopyIsPatchedAndCacheIsNot(consumer);
    }

    private void Build(ConsumerProject consumer)
    {
        output.WriteLine($"packed FnfDsl and FnfDsl.Templates {workspace.Feed.Version} (once for both tests): {workspace.PackSeconds:F1} s");
        var build = consumer.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        output.WriteLine($"restored and built: {build.Elapsed.TotalSeconds:F1} s");
    }

    private void RunAndCheck(ConsumerProject consumer)
    {
        // The analyst's inputs: synthetic samples of the declaration with a known ScoreShift, and their manifest.
        var truth = new Dictionary<string, double> { ["ScoreShift"] = 0.6 };
        string inputs = SyntheticInputs.Write(FnfDslAnalysis.MyAnalysis.Spec, Path.Combine(workspace.Folder, "inputs"),
            new SyntheticSizes(NominalPerFlavour: 2_000, VariationPerShift: 1_000, DataPerFlavour: 1_000), seed: 3, truth, extension: ".csv");
        string outDir = Path.Combine(consumer.Folder, "out");

        var validate = consumer.Run("validate", "--inputs", inputs);
        Assert.True(validate.ExitCode == 0, validate.ToString());
        var run = consumer.Run("run", "--quick", "--inputs", inputs, "--out", outDir);
        Assert.True(run.ExitCode == 0, run.ToString());
        output.WriteLine($"dotnet run -- run --quick: {run.Elapsed.TotalSeconds:F1} s\n{run.Stdout}");

        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "results.json")));
        var root = results.RootElement;
        Assert.Equal("MyAnalysis", root.GetProperty("analysis").GetString());
        // No DoI: the amortized and bootstrap stages do not apply and say why.
        Assert.Equal(["amortize", "bootstrap", "profile"], root.GetProperty("skipped").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var nuisances = root.GetProperty("step1").GetProperty("nuisances").EnumerateArray().ToDictionary(n => n.GetProperty("name").GetString()!, n => n);
        double shift = nuisances["ScoreShift"].GetProperty("bestFit").GetDouble();
        // Statistical error about 0.06 at these sizes; the bound leaves room for the quick flows' bias and excludes 0.
        Assert.InRange(shift, 0.6 - 0.3, 0.6 + 0.3);
        Assert.Equal(0.6, nuisances["ScoreShift"].GetProperty("injected").GetDouble());
        Assert.InRange(nuisances["BackgroundNorm"].GetProperty("bestFit").GetDouble(), -1.0, 1.0);
        var figures = root.GetProperty("artifacts").EnumerateArray().Select(a => a.GetString()!).Where(a => a.EndsWith(".png", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(figures);
        foreach (string figure in figures)
        {
            byte[] png = File.ReadAllBytes(Path.Combine(outDir, figure));
            Assert.True(png.Length > 1000 && png[0] == 0x89 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G', figure);
        }
        Assert.Contains("<img", File.ReadAllText(Path.Combine(outDir, "report.html")));
    }

    // The patch flips one flag byte in the copy in bin/ and leaves the package cache alone. After `dotnet run` (an
    // incremental build over the patched copy) it is still the one byte: the patch is idempotent.
    private static void AssertOutputCopyIsPatchedAndCacheIsNot(ConsumerProject consumer)
    {
        string cached = Assert.Single(
            Directory.GetFiles(Path.Combine(consumer.PackagesFolder, "torchsharp"), "libLibTorchSharp.so", SearchOption.AllDirectories),
            path => path.Contains("linux-x64", StringComparison.Ordinal));
        string[] copies = Directory.GetFiles(consumer.OutputFolder, "libLibTorchSharp.so", SearchOption.AllDirectories);
        Assert.NotEmpty(copies);

        byte[] original = File.ReadAllBytes(cached);
        foreach (string copy in copies)
        {
            byte[] patched = File.ReadAllBytes(copy);
            Assert.Equal(original.Length, patched.Length);
            int differing = Enumerable.Range(0, original.Length).Count(i => original[i] != patched[i]);
            Assert.True(differing == 1, $"{copy} differs from {cached} in {differing} bytes, not in the one flag byte.");
        }
    }
}
