using FnfDsl.Analysis;
using FnfDsl.Profiling;
using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Diagnostics;
using FnfDsl.Pipeline.Inputs;
using FnfDsl.Pipeline.Output;
using FnfDsl.Pipeline.Plots;
using FnfDsl.Pipeline.Results;

namespace FnfDsl.Pipeline.Stages;

/// <summary>
/// Amortized profiling (method.md section 4): NLL_prof(nu) = NLL(T(.; nu), nu) is one pass over the data per point,
/// so the global fit, a 1-D scan per nuisance with the others minimised and the 2-D scan need no retraining.
/// </summary>
public sealed class ProfileStage : IStage
{
    /// <summary>Step name of the scan files and figure variants.</summary>
    public const string Step = FitSteps.Step2;

    /// <inheritdoc />
    public string Name => "profile";

    /// <inheritdoc />
    public string Description => "Step 2: fit and scan the profiled likelihood through the amortized DoI, overlaid on step 1.";

    /// <inheritdoc />
    public string? SkipReason(RunConfig config) => config.Analysis.Doi is null ? "the analysis declares no DoI (the fit stage's scans are already profiled)" : null;

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts(RunConfig config) =>
    [
        ResultSections.Step2, .. NuisanceScans.Artifacts(Step, config.Analysis, config.Settings), .. PoiScans.Artifacts(Step, config.Analysis), Figures.Scan1D.PathFor(Step),
        .. (NuisanceScans.Pairs(config.Analysis, config.Settings).Count > 0 ? [Figures.Scan2D.PathFor(Step)] : Array.Empty<string>()),
    ];

    /// <inheritdoc />
    public object Fingerprint(RunConfig config) => new { config.Settings.Scans, config.Settings.ScanPairs };

    /// <inheritdoc />
    public void Run(StageContext context)
    {
        var data = context.Inputs.Data();
        var injected = context.Inputs.Truth;
        var model = ModelFile.Step2.Load(context);
        var profiler = AnalysisProfiler.Amortized(model, data);

        var step1 = ArtifactJson.Read<FitSummary>(context.PathOf(ResultSections.Step1));
        double[] start = [.. model.Spec.Pois.Select(p => p.Initial), .. model.NuHat];
        // T(.; nu) is trained best inside the focused box: the fit and the scans stay there.
        var box = ArtifactJson.Read<AmortizedBoxes>(context.PathOf(ResultSections.AmortizedBoxes)).FocusedBox();
        var fit = Minimizer.Minimize(profiler.Objective, start, Minimization.For(profiler, box));
        context.Log($"amortized global fit: NLL {fit.Value:F3} ({(fit.Converged ? "converged" : "not converged")} after {fit.Iterations} iterations)");
        (fit, var scans) = NuisanceScans.RunAroundFit(Step, profiler, fit, best => NuisanceScans.GridScales(ScanScales.Profiled(profiler, best, step1)),
            context.Settings, profile: true, context.Progress.Track("profiled scans"), context.Log, box);
        var poiFits = PoiScans.Run(context, Step, FitSteps.Step2Label, profiler, fit.Parameters, box);
        var summary = scans.Summary("step 2 (amortized DoI; 1-D scans with the other nuisances minimised)", fit.Value, injected, box)
            with { Pois = poiFits.Count > 0 ? poiFits : null };
        ResultSections.Write(context, ResultSections.Step2, summary);
        scans.WriteCsv(context);
        foreach (var n in summary.Nuisances) context.Log($"{n.Name} = {n.BestFit:+0.000;-0.000} (68 %: [{n.OneSigma.Low:F3}, {n.OneSigma.High:F3}], 95 %: [{n.NinetyFive.Low:F3}, {n.NinetyFive.High:F3}])");

        Scan1DPlot.Save(context.PathOf(Figures.Scan1D.PathFor(Step)), NuisanceScans.Panels(scans.Names, injected,
            (FitSteps.Step2Label, scans.Curves), (FitSteps.Step1Label, NuisanceScans.ReadCurves(context, FitSteps.Step1))));

        if (scans.TwoD.Count == 0) return;
        var step1Best = step1.Nuisances.ToDictionary(n => n.Name, n => n.BestFit);
        var panels = new List<Plots.Scan2D>();
        var step2Panels = scans.TwoDPanels("step 2, amortized T(.; nu)", injected);
        var pairs = NuisanceScans.Pairs(context.Analysis, context.Settings);
        for (int i = 0; i < pairs.Count; i++)
        {
            var (first, second, nll) = ScanCsv.Read2D(context.PathOf(NuisanceScans.TwoDPath(FitSteps.Step1, pairs[i])));
            panels.Add(step2Panels[i]);
            panels.Add(NuisanceScans.ToPanel("step 1, T fixed", pairs[i], first, second, nll, (step1Best[pairs[i].First], step1Best[pairs[i].Second]), injected));
        }
        Scan2DPlot.Save(context.PathOf(Figures.Scan2D.PathFor(Step)), panels);
    }
}
