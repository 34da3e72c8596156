using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Output;
using FnfDsl.Pipeline.Results;

namespace FnfDsl.Pipeline.Stages;

/// <summary>The last stage: gathers the result sections into results.json and writes report.html with every figure.</summary>
/// <param name="extras">The report sections of the pipeline's extensions.</param>
/// <param name="summary">The report's opening paragraph (read when the stage runs), or null for the standard one.</param>
public sealed class ReportStage(IReadOnlyList<ReportExtra> extras, Func<string?>? summary = null) : IStage
{
    /// <inheritdoc />
    public string Name => "report";

    /// <inheritdoc />
    public string Description => "Collect the numbers into results.json and write report.html with every figure.";

    private string? Summary => summary?.Invoke();

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts(RunConfig config) => [RunResults.FileName, ReportHtml.FileName];

    /// <inheritdoc />
    public object Fingerprint(RunConfig config) => new { Run = RunFingerprint.Of(config), Extras = extras.Select(e => e.Key).ToArray(), Summary };

    /// <inheritdoc />
    public void Run(StageContext context)
    {
        var results = ResultsCollector.Collect(context.Config, extras, Artifacts(context.Config));
        ArtifactJson.Write(context.PathOf(RunResults.FileName), results);
        ReportHtml.Write(context.PathOf(ReportHtml.FileName), results, context.Config.OutDir, extras, Summary);
        context.Log($"wrote {RunResults.FileName} and {ReportHtml.FileName} ({results.Artifacts.Count} artifacts, {results.Timings.Count} stage timings)");
    }
}
