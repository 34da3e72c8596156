using FnfDsl.Analysis;
using FnfDsl.Profiling;
using ToyFnf.Analysis;
using ToyFnf.Configuration;
using ToyFnf.Diagnostics;
using ToyFnf.Inputs;
using ToyFnf.Output;
using ToyFnf.Plots;
using ToyFnf.Results;

namespace ToyFnf.Stages;

/// <summary>
/// Amortized profiling (method.md section 4): NLL_prof(nu) = NLL(T(.; nu), nu) is one pass over the data per point,
/// so the global fit, a 1-D scan per nuisance with the others minimised and the 2-D scan need no retraining.
/// </summary>
public sealed class ProfileStage : IStage
{
    /// <summary>Step name of the scan files and figure variants.</summary>
    public const string Step = "step2";

    /// <inheritdoc />
    public string Name => "profile";

    /// <inheritdoc />
    public string Description => "Step 2: fit and scan the profiled likelihood through the amortized DoI, overlaid on step 1.";

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts(RunConfig config) =>
        [ResultSections.Step2, .. NuisanceScans.Artifacts(Step), Figures.Scan1D.PathFor(Step), Figures.Scan2D.PathFor(Step)];

    /// <inheritdoc />
    public object Fingerprint(RunConfig config) => new { config.Settings.Scans };

    /// <inheritdoc />
    public void Run(StageContext context)
    {
        var inputs = AnalysisInputs.Open(context.Config.OutDir);
        var data = inputs.Data();
        var injected = inputs.Files.Manifest.InjectedNu;
        var model = ModelFile.Step2.Load(context);
        var profiler = AnalysisProfiler.Amortized(model, data);

        var step1 = ArtifactJson.Read<FitSummary>(context.PathOf(ResultSections.Step1));
        double[] start = [.. model.Spec.Pois.Select(p => p.Initial), .. model.NuHat];
        // T(.; nu) is trained best inside the focused box: the fit and the scans stay there.
        var box = AmortizeStage.FocusedBoxOf(context);
        var fit = Minimizer.Minimize(profiler.Objective, start, Minimization.For(profiler, box));
        context.Log($"amortized global fit: NLL {fit.Value:F3} ({(fit.Converged ? "converged" : "not converged")} after {fit.Iterations} iterations)");
        (fit, var scans) = NuisanceScans.RunAroundFit(Step, profiler, fit, best => NuisanceScans.GridScales(ProfiledErrors(profiler, best, step1)),
            context.Settings.Scans, profile: true, context.Progress.Track("profiled scans"), context.Log, box);
        var summary = scans.Summary("step 2 (amortized DoI; 1-D scans with the other nuisances minimised)", fit.Value, injected, box);
        ResultSections.Write(context, ResultSections.Step2, summary);
        scans.WriteCsv(context);
        foreach (var n in summary.Nuisances) context.Log($"{n.Name} = {n.BestFit:+0.000;-0.000} (68 %: [{n.OneSigma.Low:F3}, {n.OneSigma.High:F3}], 95 %: [{n.NinetyFive.Low:F3}, {n.NinetyFive.High:F3}])");

        Scan1DPlot.Save(context.PathOf(Figures.Scan1D.PathFor(Step)), NuisanceScans.Panels(injected,
            ("step 2 (amortized, profiled)", scans.Curves), (FitStage.CurveLabel, NuisanceScans.ReadCurves(context, FitStage.Step))));

        var (first, second, nll) = ScanCsv.Read2D(context.PathOf(NuisanceScans.TwoDPath(FitStage.Step)));
        var step1Best = step1.Nuisances;
        Scan2DPlot.Save(context.PathOf(Figures.Scan2D.PathFor(Step)),
        [
            scans.TwoDPanel("step 2, amortized T(.; nu)", injected),
            NuisanceScans.ToPanel("step 1, T fixed", first, second, nll, (step1Best[0].BestFit, step1Best[1].BestFit), injected),
        ]);
    }

    /// <summary>
    /// Profiled standard errors sqrt((H^-1)_kk) from the curvature over half the step-1 68 % half-widths; where that
    /// Hessian is not positive definite, the conditional errors from second differences of the value.
    /// </summary>
    public static double[] ProfiledErrors(AnalysisProfiler profiler, double[] best, FitSummary step1)
    {
        int pois = profiler.Model.Spec.Pois.Length;
        var steps = step1.Nuisances.Select(n => double.IsFinite(n.OneSigma.HalfWidth) && n.OneSigma.HalfWidth > 0 ? 0.5 * n.OneSigma.HalfWidth : FitStage.ErrorProbeStep);
        try
        {
            return Curvature.Hessian(profiler, best, [.. Enumerable.Repeat(FitStage.ErrorProbeStep, pois), .. steps]).Errors[pois..];
        }
        catch (InvalidOperationException)
        {
            return Curvature.ConditionalErrors(profiler.Objective, best, FitStage.ErrorProbeStep)[pois..];
        }
    }
}
