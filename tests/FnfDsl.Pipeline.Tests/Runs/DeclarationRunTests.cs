using FnfDsl.Analysis;
using FnfDsl.Pipeline.Output;
using FnfDsl.Pipeline.Plots;
using FnfDsl.Pipeline.Results;
using FnfDsl.Pipeline.Stages;
using FnfDsl.Testing.Analyses;
using FnfDsl.Pipeline.Tests.Report;
using FnfDsl.Testing.Toy;

namespace FnfDsl.Pipeline.Tests.Runs;

/// <summary>
/// The standard pipeline on three declarations with inputs of their own: the toy (joint, DoI of two features), the
/// three-flavour conditional analysis (DoI of one feature given two kinematics, a free nuisance) and the resonance with
/// a POI and no DoI. Each run's results.json holds the declaration's parameters with well-formed numbers, the stages that
/// do not apply are skipped with their reason, and every figure is a valid PNG.
/// </summary>
public sealed class DeclarationRunTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Toy_RunsEveryStage()
    {
        string manifest = ToyInputs.Write(new ToyConfig { Seed = 11, NominalSize = 1_500, VariationSize = 600, DataYieldA = 800, DataYieldB = 800 }, _folder.File("inputs"));
        var config = PipelineRuns.Prepare(ToyDeclaration.Spec, _folder.File("unused")) with { InputsPath = manifest, OutDir = _folder.File("run") };

        var outcomes = PipelineRuns.Run(config);

        Assert.All(outcomes, o => Assert.True(o.Ran, $"{o.Stage}: {o.Reason}"));
        var results = Check(config.OutDir, ToyDeclaration.Spec);
        Assert.NotNull(results.Step2);
        Assert.NotNull(results.Bootstrap);
        AssertFigures(config.OutDir, results, Figures.All.Where(k => k != Figures.PoiScan));
    }

    [Fact]
    public void ThreeFlavourConditional_RunsEveryStage()
    {
        var spec = JetTagging.Spec;
        var config = PipelineRuns.Prepare(spec, _folder.Path, new Dictionary<string, double> { ["TrackResolution"] = 0.5 }, extension: ".csv");

        var outcomes = PipelineRuns.Run(config);

        Assert.All(outcomes, o => Assert.True(o.Ran, $"{o.Stage}: {o.Reason}"));
        var results = Check(config.OutDir, spec);
        Assert.Equal(new Dictionary<string, double> { ["B"] = 600, ["C"] = 600, ["Light"] = 600 }, results.Yields);
        Assert.Equal(0.5, results.Step2!.Nuisances.Single(n => n.Name == "TrackResolution").Injected);
        // A DoI of one feature has bands (one per flavour) but no two-dimensional principal-mode fields.
        Assert.Equal(3, Figures.FilesOf(config.OutDir, Figures.DoiBands).Count);
        Assert.Empty(Figures.FilesOf(config.OutDir, Figures.PrincipalModes));
        AssertFigures(config.OutDir, results, Figures.All.Where(k => k != Figures.PoiScan && k != Figures.PrincipalModes));
    }

    [Fact]
    public void ResonanceWithAPoi_FitsItAndSkipsTheDoiStages()
    {
        var spec = Diphoton.Spec;
        var config = PipelineRuns.Prepare(spec, _folder.Path, new Dictionary<string, double> { ["Mu"] = 1.0 });

        var outcomes = PipelineRuns.Run(config);

        var skipped = outcomes.Where(o => !o.Ran).ToDictionary(o => o.Stage, o => o.Reason);
        Assert.Equal(["amortize", "profile", "bootstrap"], skipped.Keys);
        Assert.All(skipped.Values, reason => Assert.Contains("no DoI", reason));
        var results = Check(config.OutDir, spec);
        Assert.Equal(skipped, results.Skipped);
        Assert.Null(results.Step2);
        Assert.Null(results.Bootstrap);
        var mu = Assert.Single(results.Step1!.Pois!);
        Assert.Equal("Mu", mu.Name);
        Assert.True(mu.OneSigma.Low < mu.BestFit && mu.BestFit < mu.OneSigma.High, $"Mu = {mu.BestFit} outside {mu.OneSigma}");
        Assert.True(mu.NinetyFive.Low <= mu.OneSigma.Low && mu.OneSigma.High <= mu.NinetyFive.High);
        // 600 signal over 600 background events: Z0 is large, and Mu = 1 lies within its 95 % interval.
        Assert.True(mu.Z0 > 3, $"Z0 = {mu.Z0}");
        Assert.True(mu.NinetyFive.Contains(1.0), $"Mu = 1 outside {mu.NinetyFive}");
        Assert.Equal(["Mu", "MassScale", "Luminosity", "BackgroundNorm"], results.Hessian!.Nuisances);
        string report = File.ReadAllText(Path.Combine(config.OutDir, ReportHtml.FileName));
        Assert.Contains("<td>Mu</td>", report);
        Assert.Contains("why skipped", report);
        AssertFigures(config.OutDir, results, [Figures.DataVsSimulation, Figures.ResidualShift, Figures.PostFit, Figures.Scan1D, Figures.Scan2D, Figures.PoiScan, Figures.Pulls]);
        Assert.Empty(Figures.FilesOf(config.OutDir, Figures.DoiBands));
    }

    /// <summary>results.json of a finished run: the declaration's names, finite fits with ordered intervals, a symmetric positive definite Hessian.</summary>
    private static RunResults Check(string outDir, AnalysisSpec spec)
    {
        var results = ArtifactJson.Read<RunResults>(Path.Combine(outDir, RunResults.FileName));
        Assert.Equal(spec.Name, results.Analysis);
        Assert.Equal(spec.Fingerprint, results.AnalysisFingerprint);
        var nuisances = spec.ShapeNuisances.Select(s => s.Name).Concat(spec.RateNuisances.Select(r => r.Name)).ToList();
        foreach (var fit in new[] { results.Step1, results.Step2 }.OfType<FitSummary>())
        {
            Assert.Equal(nuisances, fit.Nuisances.Select(n => n.Name));
            Assert.True(double.IsFinite(fit.NllAtMinimum));
            foreach (var n in fit.Nuisances)
            {
                Assert.True(double.IsFinite(n.BestFit), $"{fit.Step}: {n.Name} = {n.BestFit}");
                Assert.False(double.IsNaN(n.OneSigma.Low) || double.IsNaN(n.OneSigma.High), $"{fit.Step}: {n.Name} 68 % {n.OneSigma}");
                Assert.True(n.OneSigma.Low < n.OneSigma.High && n.OneSigma.Contains(n.BestFit), $"{fit.Step}: {n.Name} {n.BestFit} outside {n.OneSigma}");
                Assert.True(n.NinetyFive.Low <= n.OneSigma.Low && n.OneSigma.High <= n.NinetyFive.High, $"{fit.Step}: {n.Name} 95 % {n.NinetyFive}");
            }
        }
        var hessian = Assert.IsType<HessianSummary>(results.Hessian);
        int k = spec.Pois.Length + nuisances.Count;
        Assert.Equal(k, hessian.Matrix.Length);
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) Assert.Equal(hessian.Matrix[i][j], hessian.Matrix[j][i], 1e-9);
        Assert.All(hessian.Eigenvalues, l => Assert.True(l > 0, $"eigenvalue {l}"));
        Assert.All(results.Artifacts, a => Assert.True(File.Exists(ArtifactPath.Resolve(outDir, a)), a));
        return results;
    }

    /// <summary>Every PNG artifact is a valid image, and each of <paramref name="kinds"/> was drawn.</summary>
    private static void AssertFigures(string outDir, RunResults results, IEnumerable<FigureKind> kinds)
    {
        var figures = results.Artifacts.Where(a => a.EndsWith(".png", StringComparison.Ordinal)).ToList();
        foreach (string figure in figures)
        {
            var (width, height) = PngImage.Size(ArtifactPath.Resolve(outDir, figure));
            Assert.True(width > 100 && height > 100, $"{figure}: {width} x {height}");
        }
        foreach (var kind in kinds) Assert.Contains(figures, f => kind.Matches(Path.GetFileName(f)));
        Assert.Contains("<img", File.ReadAllText(Path.Combine(outDir, ReportHtml.FileName)));
    }
}
