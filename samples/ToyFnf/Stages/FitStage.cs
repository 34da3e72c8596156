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
/// Step 1 (method.md section 4): the global fit of the DoI T and the nuisances on the data, checkpointed every epoch
/// so that a killed run resumes; then scans with T fixed, the DoI against the true inverse distortion (figure c) and
/// the step-1 scans (figures e, f).
/// </summary>
public sealed class FitStage : IStage
{
    /// <summary>Offset of this stage's seeds from the run's master seed.</summary>
    private const long SeedOffset = 3_000;

    /// <summary>Step name of the scan files and figure variants.</summary>
    public const string Step = "step1";

    /// <summary>Legend of the step-1 scans.</summary>
    public const string CurveLabel = "step 1 (T fixed)";

    /// <summary>Step (in prior widths) of the second differences that set the scan grids' scale.</summary>
    public const double ErrorProbeStep = 0.05;

    /// <summary>Number of x bins of figure (c).</summary>
    public const int FigureXBins = 8;

    /// <inheritdoc />
    public string Name => "fit";

    /// <inheritdoc />
    public string Description => "Step 1: fit the DoI and the nuisances to the data, scan with the DoI fixed, compare T with the true inverse distortion.";

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts(RunConfig config) =>
    [
        .. ModelFile.Step1.Artifacts, ResultSections.Step1, ResultSections.DoiClosure, .. NuisanceScans.Artifacts(Step),
        Figures.DoiVsTruth.PathFor(), Figures.Scan1D.PathFor(Step), Figures.Scan2D.PathFor(Step),
    ];

    /// <inheritdoc />
    public object Fingerprint(RunConfig config) => new { config.Settings.Step1Fit, config.Settings.Scans, config.Seed };

    /// <inheritdoc />
    public void Run(StageContext context)
    {
        var inputs = AnalysisInputs.Open(context.Config.OutDir);
        var data = inputs.Data();
        var injected = inputs.Files.Manifest.InjectedNu;
        var model = ModelFile.Systematics.Load(context);

        string checkpoint = CheckpointFor(context);
        var options = TrainingOptions.For(context.Settings.Step1Fit, context.Config.Seed + SeedOffset, context.Progress.Track("global fit of T and nu"), checkpoint);
        if (File.Exists(checkpoint)) context.Log($"resuming the global fit from {Path.GetFileName(checkpoint)}");
        var fit = DoiFit.Run(model, data, options with { RefineParameters = false });
        var profiler = AnalysisProfiler.Step1(model, data);
        // The exact minimum over (theta, nu) with T fixed, by Newton with the sample's bounded settings.
        var refined = Minimizer.Minimize(profiler.Objective, [.. fit.Theta, .. fit.Nu], Minimization.For(profiler));
        var global = refined.Value <= fit.Nll ? refined : new MinimizeResult([.. fit.Theta, .. fit.Nu], fit.Nll, 0, fit.Converged);
        int pois = fit.Theta.Length;
        context.Log($"global fit: NLL {global.Value:F3} after {fit.Epochs} epochs ({(fit.Converged ? "converged" : "epoch limit")}), nu_hat = {Describe(global.Parameters[pois..])}");

        (global, var scans) = NuisanceScans.RunAroundFit(Step, profiler, global,
            at => NuisanceScans.GridScales(Curvature.ConditionalErrors(profiler.Objective, at, ErrorProbeStep)[pois..]),
            context.Settings.Scans, profile: false, context.Progress.Track("scans with T fixed"), context.Log);
        double nll = global.Value;
        model.NuHat = global.Parameters[pois..];
        ModelFile.Step1.Save(context, model);
        StageCheckpoints.DeleteAll(context, CheckpointPrefix);
        var summary = scans.Summary("step 1 (global fit; scans with T fixed, other nuisances at the fit)", nll, injected);
        ResultSections.Write(context, ResultSections.Step1, summary);
        scans.WriteCsv(context);
        foreach (var n in summary.Nuisances) context.Log($"{n.Name} = {n.BestFit:+0.000;-0.000} (68 %: [{n.OneSigma.Low:F3}, {n.OneSigma.High:F3}], 95 %: [{n.NinetyFive.Low:F3}, {n.NinetyFive.High:F3}])");

        Scan1DPlot.Save(context.PathOf(Figures.Scan1D.PathFor(Step)), NuisanceScans.Panels(injected, (CurveLabel, scans.Curves)));
        Scan2DPlot.Save(context.PathOf(Figures.Scan2D.PathFor(Step)), [scans.TwoDPanel("step 1, T fixed", injected)]);

        var table = inputs.DataWithTruth();
        var (sample, closure) = DoiClosure.Of(model, table, inputs.Files.FolderPath);
        ResultSections.Write(context, ResultSections.DoiClosure, closure);
        context.Log($"DoI closure: per event |y - y_true| = {closure.ObservedDistance:F4} -> |T(y) - y_true| = {closure.MappedDistance:F4}; " +
                    $"per x bin |mean y - mean y_true| = {closure.ObservedMeanDistance:F4} -> {closure.MappedMeanDistance:F4}");
        DoiVsTruthPlot.Save(context.PathOf(Figures.DoiVsTruth.PathFor()), sample, Binning.QuantileEdges(sample.X, FigureXBins), ToyAnalysis.FlavourNames);
    }

    /// <summary>
    /// The checkpoint of this fit: named after the fit settings, the seed and the exact model it starts from, so that
    /// only an interrupted run of the same fit resumes from it.
    /// </summary>
    private static string CheckpointFor(StageContext context)
    {
        string start = ModelFile.Systematics.ContentHash(context);
        string path = StageCheckpoints.PathFor(context, CheckpointPrefix, new { context.Settings.Step1Fit, context.Config.Seed, start });
        StageCheckpoints.DeleteStale(context, CheckpointPrefix, path);
        return path;
    }

    private const string CheckpointPrefix = "step1_checkpoint_";

    private static string Describe(double[] nu) =>
        string.Join(", ", nu.Select((v, i) => $"{ToyNuisanceMap.ToyNames[i]} = {v:+0.000;-0.000}"));
}
