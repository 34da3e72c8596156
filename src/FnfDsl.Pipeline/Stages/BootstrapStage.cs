using FnfDsl.Analysis;
using FnfDsl.Profiling;
using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Inputs;
using FnfDsl.Pipeline.Diagnostics;
using FnfDsl.Pipeline.Output;
using FnfDsl.Pipeline.Plots;
using FnfDsl.Pipeline.Progress;
using FnfDsl.Pipeline.Results;
using static TorchSharp.torch;

namespace FnfDsl.Pipeline.Stages;

/// <summary>
/// The statistical uncertainty of the DoI network (method.md section 4): a Poisson-bootstrap ensemble of step-1 fits
/// combined through the averaged likelihood.
/// </summary>
public sealed class BootstrapStage : IStage
{
    /// <summary>Offset of this stage's seeds from the run's master seed.</summary>
    private const long SeedOffset = 7_000;

    /// <inheritdoc />
    public string Name => "bootstrap";

    /// <inheritdoc />
    public string Description => "Poisson-bootstrap ensemble of step-1 DoI fits combined by the averaged likelihood; writes results/bootstrap.json.";

    /// <inheritdoc />
    public string? SkipReason(RunConfig config) => config.Analysis.Doi is null ? "the analysis declares no DoI (the ensemble refits the DoI)" : null;

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts(RunConfig config) => [ResultSections.Bootstrap];

    /// <inheritdoc />
    public object Fingerprint(RunConfig config) => new { config.Settings.Bootstrap, config.Settings.Scans, config.Seed };

    /// <inheritdoc />
    public void Run(StageContext context)
    {
        var data = context.Inputs.Data();
        var injected = context.Inputs.Truth;
        var model = ModelFile.Step2.Load(context);
        var step2 = ArtifactJson.Read<FitSummary>(context.PathOf(ResultSections.Step2));
        double[] all = BestFit.Of(model, step2);
        double[] theta = all[..model.Spec.Pois.Length], best = all[model.Spec.Pois.Length..];

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
    }

    /// <summary>The replicas' curves span the step-2 best fit +- HalfWidth times the widest step-2 68 % half-width (at most HalfWidth prior widths).</summary>
    private static double ScanHalfWidth(FitSummary step2, ScanSettings scans)
    {
        var widths = step2.Nuisances.Select(n => n.OneSigma.HalfWidth).Where(double.IsFinite).ToList();
        return scans.HalfWidth * (widths.Count == 0 ? 1.0 : Math.Min(widths.Max(), 1.0));
    }

    /// <summary>Best fits and intervals of the averaged likelihood, and the spread of the replicas' own fits, by nuisance name.</summary>
    private static BootstrapSummary Summarise(BootstrapResult ensemble, IReadOnlyList<string> declared, IReadOnlyDictionary<string, double> injected)
    {
        var combined = declared.Select(name =>
        {
            var grid = ensemble.Grids[name];
            var nll = ensemble.AveragedNll[name];
            return new NuisanceFit(name, grid[Array.IndexOf(nll, nll.Min())], ensemble.AveragedInterval[name],
                Interval.FromScan(grid, nll, Interval.NinetyFive), injected.TryGetValue(name, out double v) ? v : null);
        }).ToList();
        var spread = declared.Select((name, k) => ReplicaSpread.Of(name, ensemble.Replicas.Select(r => r.Nu[k]).ToList())).ToList();
        return new BootstrapSummary(ensemble.Replicas.Count, combined, spread);
    }
}
