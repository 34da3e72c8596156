using FnfDsl.Pipeline;
using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Output;
using FnfDsl.Pipeline.Plots;
using FnfDsl.Pipeline.Results;
using FnfDsl.Pipeline.Stages;
using ToyFnf.Analysis;

namespace ToyFnf.Toy;

/// <summary>
/// The toy's extra stage after the fit: the step-1 DoI against the true inverse distortion (figure c and its numbers),
/// from the truth columns the toy generator writes into the data (never seen by the fit).
/// </summary>
public sealed class ToyDoiClosureStage : IStage
{
    /// <summary>Result section of the closure numbers.</summary>
    public const string Section = "results/doi_closure.json";

    /// <summary>Number of x bins of figure (c).</summary>
    public const int FigureXBins = 8;

    /// <summary>Figure (c): the fitted DoI against the true inverse distortion.</summary>
    public static FigureKind DoiVsTruth { get; } = new(
        "doi_vs_truth", "Fitted DoI vs true inverse distortion",
        "Top: mean displacement T(y) - y of the step-1 DoI versus x per flavour (solid) against the true y_true - y (dashed). Bottom: T(y_data) against the undistorted y.");

    /// <summary>The report section of this stage.</summary>
    public static ReportExtra Report { get; } = new("doiClosure", "DoI closure against the truth",
        "Distance of the data features to their undistorted values before and after the step-1 DoI (T of each event's true flavour at nu_hat). " +
        "Event by event T is fixed only up to maps that keep each flavour's density; the means per x bin are fixed by the fit.",
        Section, [DoiVsTruth]);

    /// <inheritdoc />
    public string Name => "doi-closure";

    /// <inheritdoc />
    public string Description => "Compare the step-1 DoI with the toy's true inverse distortion (figure c); writes results/doi_closure.json.";

    /// <inheritdoc />
    public string? SkipReason(RunConfig config) =>
        config.InputsPath == ToyGenerateStage.ManifestPath(config.OutDir) ? null : "needs the truth columns of generated toy data (the run was given --inputs)";

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts(RunConfig config) => [Section, DoiVsTruth.PathFor()];

    /// <inheritdoc />
    public object Fingerprint(RunConfig config) => new { Version = 1 };

    /// <inheritdoc />
    public void Run(StageContext context)
    {
        var model = ModelFile.Step1.Load(context);
        var table = context.Inputs.DataTable();
        var (sample, closure) = DoiClosure.Of(model, context.Inputs, table, context.Inputs.Folder);
        ArtifactJson.Write(context.PathOf(Section), closure);
        context.Log($"DoI closure: per event |y - y_true| = {closure.ObservedDistance:F4} -> |T(y) - y_true| = {closure.MappedDistance:F4}; " +
                    $"per x bin |mean y - mean y_true| = {closure.ObservedMeanDistance:F4} -> {closure.MappedMeanDistance:F4}");
        DoiVsTruthPlot.Save(context.PathOf(DoiVsTruth.PathFor()), sample, Binning.QuantileEdges(sample.X, FigureXBins), ToyAnalysis.FlavourNames);
    }
}
