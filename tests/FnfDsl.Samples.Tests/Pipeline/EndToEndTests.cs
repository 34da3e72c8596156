using FnfDsl.Pipeline.Diagnostics;
using FnfDsl.Pipeline.Output;
using FnfDsl.Pipeline.Results;
using FnfDsl.Pipeline.Stages;
using FnfDsl.Pipeline.Tests.Report;
using FnfDsl.Profiling;
using ToyFnf.Analysis;
using ToyFnf.Toy;

namespace FnfDsl.Samples.Tests.Pipeline;

/// <summary>The whole ToyFnf chain on tiny sizes: every stage runs, results.json holds well-formed numbers, every figure is a PNG.</summary>
[Collection(PipelineCollection.Name)]
public sealed class EndToEndTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void EveryStageRuns_ResultsAreWellFormed_AndASecondRunResumes()
    {
        var config = TestRuns.Config(_folder.File("run"), TestRuns.Tiny);

        var first = TestRuns.Run(config);
        var second = TestRuns.Run(config);

        var stages = ToyPipeline.Create().Stages;
        Assert.Equal(stages.Select(s => s.Name), first.Select(o => o.Stage));
        Assert.All(first, o => Assert.True(o.Ran, o.Stage));
        Assert.All(second, o => Assert.False(o.Ran, $"{o.Stage} reran: {o.Reason}"));

        var results = ArtifactJson.Read<RunResults>(Path.Combine(config.OutDir, RunResults.FileName));
        Assert.Equal(ToyAnalysis.Fingerprint, results.AnalysisFingerprint);
        Assert.Matches("^[0-9a-f]{64}$", results.AnalysisFingerprint);
        Assert.All(new[] { results.Versions.FnfDslRuntime, results.Versions.TorchSharp, results.Versions.ScottPlot, results.Versions.DotNet },
            v => Assert.False(string.IsNullOrWhiteSpace(v)));
        Assert.Equal(stages.Count - 1, results.Timings.Count); // report's own timing is written after results.json
        Assert.Empty(results.Skipped);
        Assert.Equal(new Dictionary<string, double> { ["A"] = 800, ["B"] = 800 }, results.Yields);

        foreach (var fit in new[] { results.Step1, results.Step2 })
        {
            Assert.NotNull(fit);
            Assert.Equal(ToyAnalysis.Spec.ShapeNuisances.Select(n => n.Name).Concat(ToyAnalysis.Spec.RateNuisances.Select(n => n.Name)), fit!.Nuisances.Select(n => n.Name));
            Assert.Null(fit.Pois);
            Assert.True(double.IsFinite(fit.NllAtMinimum));
            foreach (var n in fit.Nuisances)
            {
                Assert.True(double.IsFinite(n.BestFit), $"{fit.Step}: {n.Name} best fit {n.BestFit}");
                // Step 1 (T fixed) closes every interval. Step 2 scans stay inside the box the amortized DoI was trained in;
                // at these tiny sizes a profile may stay within 1 of its minimum up to the box edge. Such a side is
                // reported as infinite, never NaN, and only when it is true: the scan reached the box edge there.
                Assert.False(double.IsNaN(n.OneSigma.Low) || double.IsNaN(n.OneSigma.High), $"{fit.Step}: {n.Name} 68 % {n.OneSigma}");
                if (fit == results.Step1)
                    Assert.True(double.IsFinite(n.OneSigma.Low) && double.IsFinite(n.OneSigma.High), $"{fit.Step}: {n.Name} 68 % {n.OneSigma}");
                else
                    AssertOpenSidesReachTheBox(config.OutDir, n);
                Assert.True(n.OneSigma.Low < n.OneSigma.High && n.OneSigma.Contains(n.BestFit), $"{fit.Step}: {n.Name} {n.BestFit} outside {n.OneSigma}");
                Assert.True(n.NinetyFive.Low <= n.OneSigma.Low && n.OneSigma.High <= n.NinetyFive.High, $"{fit.Step}: {n.Name} 95 % {n.NinetyFive} inside 68 % {n.OneSigma}");
                Assert.Equal(0.0, n.Injected);
            }
        }

        var hessian = Assert.IsType<HessianSummary>(results.Hessian);
        int k = ToyAnalysis.Spec.ShapeNuisances.Length + ToyAnalysis.Spec.RateNuisances.Length;
        Assert.True(hessian.CheckMaxRelativeDifference < 1e-3, $"Hessian differs from finite differences by {hessian.CheckMaxRelativeDifference:P3}");
        Assert.Equal(k, hessian.Matrix.Length);
        for (int i = 0; i < k; i++)
        {
            Assert.Equal(k, hessian.Matrix[i].Length);
            for (int j = 0; j < k; j++) Assert.Equal(hessian.Matrix[i][j], hessian.Matrix[j][i], 1e-9);
        }
        Assert.All(hessian.Eigenvalues, l => Assert.True(l > 0, $"eigenvalue {l}"));
        // H e_m = lambda_m e_m for every mode.
        for (int m = 0; m < k; m++)
            for (int i = 0; i < k; i++)
            {
                double he = Enumerable.Range(0, k).Sum(j => hessian.Matrix[i][j] * hessian.Eigenvectors[m][j]);
                Assert.Equal(hessian.Eigenvalues[m] * hessian.Eigenvectors[m][i], he, 1e-6 * hessian.Eigenvalues.Max());
            }

        var bootstrap = Assert.IsType<BootstrapSummary>(results.Bootstrap);
        Assert.Equal(TestRuns.Tiny.Bootstrap.Replicas, bootstrap.Replicas);
        Assert.All(bootstrap.Combined, n => Assert.True(double.IsFinite(n.BestFit), $"bootstrap {n.Name}"));
        Assert.All(bootstrap.Spread, s => Assert.True(double.IsFinite(s.Mean) && s.StdDev >= 0 && s.Min <= s.Max, $"spread {s.Name}"));
        var closure = ArtifactJson.Read<DoiClosureSummary>(ArtifactPath.Resolve(config.OutDir, ToyDoiClosureStage.Section));
        Assert.True(closure.Events > 0 && double.IsFinite(closure.MappedDistance) && double.IsFinite(closure.MappedMeanDistance));
        Assert.Equal(closure.Events, results.Extras[ToyDoiClosureStage.Report.Key].GetProperty("events").GetInt32());

        // Every listed artifact exists; every figure is a PNG, and every stage drew its figures.
        Assert.All(results.Artifacts, a => Assert.True(File.Exists(ArtifactPath.Resolve(config.OutDir, a)), a));
        var figures = results.Artifacts.Where(a => a.EndsWith(".png", StringComparison.Ordinal)).ToList();
        foreach (string figure in figures)
        {
            var (width, height) = PngImage.Size(ArtifactPath.Resolve(config.OutDir, figure));
            Assert.True(width > 100 && height > 100, $"{figure}: {width} x {height}");
        }
        // Every figure of the catalogue but the POI scan (the toy has no POI), and the toy's own.
        foreach (var kind in FnfDsl.Pipeline.Plots.Figures.All.Where(k => k != FnfDsl.Pipeline.Plots.Figures.PoiScan).Append(ToyDoiClosureStage.DoiVsTruth))
            Assert.Contains(figures, f => kind.Matches(Path.GetFileName(f)));
        Assert.Contains("<img", File.ReadAllText(Path.Combine(config.OutDir, ReportHtml.FileName)));
    }

    // An open side of a step-2 interval: the scan's edge point is the training box's edge and 2 dNLL < 1 there.
    private static void AssertOpenSidesReachTheBox(string outDir, NuisanceFit n)
    {
        var box = Assert.IsType<Interval>(n.TrainingBox);
        Assert.True(box.Contains(n.BestFit), $"{n.Name} best fit {n.BestFit} outside its box {box}");
        var (grid, nll) = ScanCsv.Read1D(Path.Combine(outDir, NuisanceScans.OneDPath(ProfileStage.Step, n.Name)));
        double min = nll.Min();
        if (!double.IsFinite(n.OneSigma.Low))
        {
            Assert.Equal(box.Low, grid[0], 9);
            Assert.True(2 * (nll[0] - min) < Interval.OneSigma, $"{n.Name}: open low side but 2 dNLL = {2 * (nll[0] - min)} at the box edge");
        }
        if (!double.IsFinite(n.OneSigma.High))
        {
            Assert.Equal(box.High, grid[^1], 9);
            Assert.True(2 * (nll[^1] - min) < Interval.OneSigma, $"{n.Name}: open high side but 2 dNLL = {2 * (nll[^1] - min)} at the box edge");
        }
    }
}
