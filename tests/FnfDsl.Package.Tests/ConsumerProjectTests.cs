using System.Diagnostics;
using Xunit.Abstractions;

namespace FnfDsl.Package.Tests;

/// <summary>
/// The FnfDsl package works where it is added: a new project outside the repository that references only the package
/// restores, builds with warnings as errors (the generator runs from analyzers/dotnet/cs), and runs its own analysis
/// with TorchSharp loading on this machine (the native-library patch came with the package, buildTransitive/FnfDsl.targets).
/// </summary>
public sealed class ConsumerProjectTests(ITestOutputHelper output)
{
    [Fact]
    public void ProjectReferencingOnlyThePackageBuildsAndFitsItsOwnAnalysis()
    {
        var clock = Stopwatch.StartNew();
        string workspace = Directory.CreateTempSubdirectory("fnfdsl-consumer-").FullName;
        try
        {
            var feed = PackageFeed.Pack(Path.Combine(workspace, "feed"), Path.Combine(workspace, "scratch"));
            output.WriteLine($"packed FnfDsl {feed.Version}: {clock.Elapsed.TotalSeconds:F1} s");

            var consumer = ConsumerProject.Create(Path.Combine(workspace, "consumer"), "Consumer", feed);
            var build = consumer.Build();
            Assert.True(build.ExitCode == 0, build.ToString());
            output.WriteLine($"restored into its own cache and built: {build.Elapsed.TotalSeconds:F1} s");

            // The program prints name=value lines (Consumer/Program.cs). This swaps to `run --quick ...` and
            // results.json once Main is the generated command line.
            var run = consumer.Run();
            Assert.True(run.ExitCode == 0, run.ToString());
            output.WriteLine($"dotnet run: {run.Elapsed.TotalSeconds:F1} s\n{run.Stdout}");
            var values = ConsumerProject.Values(run);

            Assert.True(double.IsFinite(values["nominal_loss"]) && double.IsFinite(values["systematics_loss"]), run.ToString());
            Assert.True(double.IsFinite(values["nll"]), run.ToString());
            Assert.Equal(1, values["converged"]);
            // The data were generated at ScoreShift = 0.6: the fit finds it (its statistical error is about 0.03; the
            // bound leaves room for the tiny flows' bias but excludes the nominal 0), and prefers it clearly to nominal.
            Assert.InRange(values["score_shift"], values["injected_score_shift"] - 0.3, values["injected_score_shift"] + 0.3);
            Assert.True(values["nll_at_nominal"] - values["nll"] > 10, run.ToString());
            // Nominal background yield in the data: the rate nuisance stays well inside its prior.
            Assert.InRange(values["background_norm"], -1.0, 1.0);

            AssertOutputCopyIsPatchedAndCacheIsNot(consumer);
            output.WriteLine($"total: {clock.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            // The consumer's cache and output hold libtorch twice (about 2.5 GB).
            Directory.Delete(workspace, recursive: true);
        }
    }

    // The patch flips one flag byte in the copy in bin/ (after the build and again after the incremental build of
    // `dotnet run`, so it is idempotent) and leaves the package cache alone.
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
