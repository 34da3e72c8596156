using FnfDsl.Analysis;
using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Diagnostics;
using FnfDsl.Pipeline.Output;
using FnfDsl.Pipeline.Plots;
using FnfDsl.Pipeline.Results;
using FnfDsl.Profiling;

namespace FnfDsl.Pipeline.Stages;

/// <summary>
/// The global fit. With a DoI, step 1 (method.md section 4): the fit of the DoI T and the nuisances on the data,
/// checkpointed every epoch so that a killed run resumes, then scans with T fixed (figures e, f). Without a DoI: the fit
/// of the nuisances (and POIs) with the simulation densities and its profiled scans.
/// </summary>
public sealed class FitStage : IStage
{
    /// <summary>Offset of this stage's seeds from the run's master seed.</summary>
    private const long SeedOffset = 3_000;

    /// <summary>Step name of the scan files and figure variants.</summary>
    public const string Step = FitSteps.Step1;

    /// <inheritdoc />
    public string Name => "fit";

    /// <inheritdoc />
    public string Description => "Step 1: fit the DoI and the nuisances to the data and scan with the DoI fixed (without a DoI: fit and profile with the simulation densities); writes models/step1.pt, results/step1.json, scans/step1_*.csv and figures.";

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts(RunConfig config)
    {
        var spec = config.Analysis;
        return
        [
            .. ModelFile.Step1.Artifacts, ResultSections.Step1, .. NuisanceScans.Artifacts(Step, spec, config.Settings), .. PoiScans.Artifacts(Step, spec),
            Figures.Scan1D.PathFor(Step), .. (NuisanceScans.Pairs(spec, config.Settings).Count > 0 ? [Figures.Scan2D.PathFor(Step)] : Array.Empty<string>()),
        ];
    }

    /// <inheritdoc />
    public object Fingerprint(RunConfig config) => new { config.Settings.Step1Fit, config.Settings.Scans, config.Settings.ScanPairs, config.Seed };

    /// <inheritdoc />
    public void Run(StageContext context)
    {
        var data = context.Inputs.Data();
        var truth = context.Inputs.Truth;
        var model = ModelFile.Trained(context.Analysis).Load(context);
        int pois = model.Spec.Pois.Length;
        bool doi = model.Spec.Doi is not null;

        AnalysisProfiler profiler;
        MinimizeResult global;
        if (doi)
        {
            string checkpoint = CheckpointFor(context);
            var options = TrainingOptions.For(context.Settings.Step1Fit, context.Config.Seed + SeedOffset, context.Progress.Track("global fit of T and nu"), checkpoint);
            if (File.Exists(checkpoint)) context.Log($"resuming the global fit from {Path.GetFileName(checkpoint)}");
            var fit = DoiFit.Run(model, data, options with { RefineParameters = false });
            profiler = AnalysisProfiler.Step1(model, data);
            // The exact minimum over (theta, nu) with T fixed, by Newton with the pipeline's bounded settings.
            var refined = Minimizer.Minimize(profiler.Objective, [.. fit.Theta, .. fit.Nu], Minimization.For(profiler));
            global = refined.Value <= fit.Nll ? refined : new MinimizeResult([.. fit.Theta, .. fit.Nu], fit.Nll, 0, fit.Converged);
            context.Log($"global fit: NLL {global.Value:F3} after {fit.Epochs} epochs ({(fit.Converged ? "converged" : "epoch limit")}), {Describe(model, global.Parameters)}");
        }
        else
        {
            profiler = AnalysisProfiler.Simulation(model, data);
            global = Minimizer.Minimize(profiler.Objective, profiler.Start, Minimization.For(profiler));
            context.Log($"fit with the simulation densities: NLL {global.Value:F3} ({(global.Converged ? "converged" : "not converged")} after {global.Iterations} iterations), {Describe(model, global.Parameters)}");
        }

        (global, var scans) = NuisanceScans.RunAroundFit(Step, profiler, global,
            at => NuisanceScans.GridScales(ScanScales.Conditional(profiler, at)[pois..]),
            context.Settings, profile: !doi, context.Progress.Track(doi ? "scans with T fixed" : "profiled scans"), context.Log);
        model.NuHat = global.Parameters[pois..];
        ModelFile.Step1.Save(context, model);
        if (doi) StageCheckpoints.DeleteAll(context, CheckpointPrefix);
        string label = doi ? FitSteps.Step1Label : FitSteps.SimulationLabel;
        var poiFits = PoiScans.Run(context, Step, label, profiler, global.Parameters);
        var summary = scans.Summary(doi ? "step 1 (global fit; scans with T fixed, other nuisances at the fit)" : "fit with the simulation densities (profiled scans)", global.Value, truth)
            with { Pois = pois > 0 ? poiFits : null };
        ResultSections.Write(context, ResultSections.Step1, summary);
        scans.WriteCsv(context);
        foreach (var n in summary.Nuisances) context.Log($"{n.Name} = {n.BestFit:+0.000;-0.000} (68 %: [{n.OneSigma.Low:F3}, {n.OneSigma.High:F3}], 95 %: [{n.NinetyFive.Low:F3}, {n.NinetyFive.High:F3}])");

        Scan1DPlot.Save(context.PathOf(Figures.Scan1D.PathFor(Step)), NuisanceScans.Panels(scans.Names, truth, (label, scans.Curves)));
        if (scans.TwoD.Count > 0) Scan2DPlot.Save(context.PathOf(Figures.Scan2D.PathFor(Step)), scans.TwoDPanels(doi ? "step 1, T fixed" : "profiled", truth));
    }

    /// <summary>
    /// The checkpoint of this fit: named after the fit settings, the seed and the exact model it starts from, so that
    /// only an interrupted run of the same fit resumes from it.
    /// </summary>
    private static string CheckpointFor(StageContext context)
    {
        string start = ModelFile.Trained(context.Analysis).ContentHash(context);
        string path = StageCheckpoints.PathFor(context, CheckpointPrefix, new { context.Settings.Step1Fit, context.Config.Seed, start });
        StageCheckpoints.DeleteStale(context, CheckpointPrefix, path);
        return path;
    }

    private const string CheckpointPrefix = "step1_checkpoint_";

    /// <summary>"name = value" of every POI and nuisance of <paramref name="p"/>.</summary>
    public static string Describe(AnalysisModel model, double[] p)
    {
        ArgumentNullException.ThrowIfNull(model);
        var names = model.Spec.Pois.Select(x => x.Name).Concat(model.NuisanceNames).ToList();
        return string.Join(", ", p.Select((v, i) => $"{names[i]} = {v:+0.000;-0.000}"));
    }
}
