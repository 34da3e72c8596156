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
        // The program prints name=value lines (Program.cs of the template). This becomes `run --quick ...` and a
        // look at results.json once Main is the generated command line.
        var run = consumer.Run();
        Assert.True(run.ExitCode == 0, run.ToString());
        output.WriteLine($"dotnet run: {run.Elapsed.TotalSeconds:F1} s\n{run.Stdout}");
        var values = ConsumerProject.Values(run);
        string[] printed = ["nominal_loss", "systematics_loss", "nll", "nll_at_nominal", "converged", "injected_score_shift", "score_shift", "background_norm"];
        Assert.True(printed.All(values.ContainsKey), $"missing values:\n{run}");

        Assert.True(double.IsFinite(values["nominal_loss"]) && double.IsFinite(values["systematics_loss"]), run.ToString());
        Assert.True(double.IsFinite(values["nll"]), run.ToString());
        Assert.Equal(1, values["converged"]);
        // The data were generated at ScoreShift = 0.6: the fit finds it (its statistical error is about 0.03; the
        // bound leaves room for the tiny flows' bias but excludes the nominal 0), and prefers it clearly to nominal.
        Assert.InRange(values["score_shift"], values["injected_score_shift"] - 0.3, values["injected_score_shift"] + 0.3);
        Assert.True(values["nll_at_nominal"] - values["nll"] > 10, run.ToString());
        // Nominal background yield in the data: the rate nuisance stays well inside its prior.
        Assert.InRange(values["background_norm"], -1.0, 1.0);
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
