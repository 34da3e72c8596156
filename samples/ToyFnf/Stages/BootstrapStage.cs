using FnfDsl.Analysis;
using FnfDsl.Profiling;
using ToyFnf.Analysis;
using ToyFnf.Configuration;
using ToyFnf.Inputs;
using ToyFnf.Output;
using ToyFnf.Plots;
using ToyFnf.Progress;
using ToyFnf.Results;
using static TorchSharp.torch;

namespace ToyFnf.Stages;

/// <summary>
/// The statistical uncertainty of the DoI network (method.md section 4): a Poisson-bootstrap ensemble of step-1 fits
/// combined through the averaged likelihood; then pseudo-data sampled from the fitted model through the amortized DoI
/// at the best fit, against the data (figure d).
/// </summary>
public sealed class BootstrapStage : IStage
{
    /// <summary>Offset of this stage's seeds from the run's master seed.</summary>
    private const long SeedOffset = 7_000;

    /// <summary>Number of x bins of figure (d).</summary>
    public const int FigureXBins = 4;

    /// <inheritdoc />
    public string Name => "bootstrap";

    /// <inheritdoc />
    public string Description => "Poisson-bootstrap ensemble of DoI fits, and post-fit pseudo-data vs data (figure d).";

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts(RunConfig config) => [ResultSections.Bootstrap, Figures.PostFit.PathFor()];

    /// <inheritdoc />
    public object Fingerprint(RunConfig config) => new { config.Settings.Bootstrap, config.Settings.Scans, config.Seed };

    /// <inheritdoc />
    public void Run(StageContext context)
    {
        var inputs = AnalysisInputs.Open(context.Config.OutDir);
        var data = inputs.Data();
        var injected = inputs.Files.Manifest.InjectedNu;
        var model = ModelFile.Step2.Load(context);
        var step2 = ArtifactJson.Read<FitSummary>(context.PathOf(ResultSections.Step2));
        double[] best = ToyNuisanceMap.Vector(step2.Nuisances.ToDictionary(n => n.Name, n => n.BestFit));
        double[] theta = model.Spec.Pois.Select(p => p.Initial).ToArray();

        var settings = context.Settings;
        long seed = context.Config.Seed + SeedOffset;
        var progress = context.Progress.Track($"bootstrap replicas (M = {settings.Bootstrap.Replicas})");
        var ensemble = BootstrapEnsemble.Run(model, data, [.. theta, .. best], new BootstrapOptions
        {
            Replicas = settings.Bootstrap.Replicas,
            Seed = seed,
            // Each replica's own best fit comes from its AdamW phase: what the ensemble combines are its NLL curves on the data.
            Fit = TrainingOptions.For(settings.Bootstrap.Training, seed, progress: null) with { RefineParameters = false },
            ScanPoints = settings.Scans.Points1D,
            ScanHalfWidth = ScanHalfWidth(step2, settings.Scans),
            Progress = (done, total) => progress.Report(new StageProgress(1, 1, done, total, EpochCompleted: done == total)),
        });
        var summary = Summarise(ensemble, model.NuisanceNames, injected);
        ResultSections.Write(context, ResultSections.Bootstrap, summary);
        foreach (var n in summary.Combined) context.Log($"averaged likelihood: {n.Name} = {n.BestFit:+0.000;-0.000} (68 %: [{n.OneSigma.Low:F3}, {n.OneSigma.High:F3}])");

        using var generator = new Generator((ulong)(seed + 1));
        var pseudo = PseudoData.Sample(model, theta, best, generator, throughDoi: true, amortized: true);
        context.Log($"post-fit pseudo-data: {pseudo.Count} events against {data.Count} data events");
        var byFlavour = model.Spec.Flavours.Select((flavour, f) => new NamedEvents($"flavour {flavour.Name}", Columns(pseudo, f))).ToList();
        var dataColumns = ToyInputs.Columns(inputs.Files.Data());
        PostFitPlot.Save(context.PathOf(Figures.PostFit.PathFor()), dataColumns, byFlavour, Binning.QuantileEdges(dataColumns.X, FigureXBins));
    }

    /// <summary>The replicas' curves span the step-2 best fit +- HalfWidth times the widest step-2 68 % half-width (at most HalfWidth prior widths).</summary>
    private static double ScanHalfWidth(FitSummary step2, ScanSettings scans)
    {
        var widths = step2.Nuisances.Select(n => n.OneSigma.HalfWidth).Where(double.IsFinite).ToList();
        return scans.HalfWidth * (widths.Count == 0 ? 1.0 : Math.Min(widths.Max(), 1.0));
    }

    /// <summary>Best fits and intervals of the averaged likelihood, and the spread of the replicas' own fits, by toy name.</summary>
    private static BootstrapSummary Summarise(BootstrapResult ensemble, IReadOnlyList<string> declared, IReadOnlyDictionary<string, double> injected)
    {
        var combined = declared.Select(name =>
        {
            string toy = ToyNuisanceMap.ToToy(name);
            var grid = ensemble.Grids[name];
            var nll = ensemble.AveragedNll[name];
            return new NuisanceFit(toy, grid[Array.IndexOf(nll, nll.Min())], ensemble.AveragedInterval[name],
                Interval.FromScan(grid, nll, Interval.NinetyFive), injected.TryGetValue(toy, out double v) ? v : null);
        }).ToList();
        var spread = declared.Select((name, k) => ReplicaSpread.Of(ToyNuisanceMap.ToToy(name), ensemble.Replicas.Select(r => r.Nu[k]).ToList())).ToList();
        return new BootstrapSummary(ensemble.Replicas.Count, combined, spread);
    }

    /// <summary>The pseudo-data events of flavour <paramref name="f"/> as plot columns.</summary>
    private static EventColumns Columns(PseudoDataSample pseudo, int f)
    {
        using var mask = pseudo.Flavour.eq(f);
        using var x = pseudo.X[mask].to_type(ScalarType.Float64).contiguous();
        using var y = pseudo.Y[mask].to_type(ScalarType.Float64).contiguous();
        var ys = y.data<double>().ToArray();
        int dy = ToyAnalysis.Schema.FeatureCount;
        return new EventColumns(x.data<double>().ToArray(),
            Enumerable.Range(0, ys.Length / dy).Select(i => ys[i * dy + ToyAnalysis.Schema.FeatureIndex.Y1]).ToArray(),
            Enumerable.Range(0, ys.Length / dy).Select(i => ys[i * dy + ToyAnalysis.Schema.FeatureIndex.Y2]).ToArray());
    }
}
