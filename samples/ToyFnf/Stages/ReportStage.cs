using ToyFnf.Configuration;
using ToyFnf.Output;
using ToyFnf.Results;

namespace ToyFnf.Stages;

/// <summary>The last stage: gathers the result sections into results.json and writes report.html with every figure.</summary>
public sealed class ReportStage : IStage
{
    /// <inheritdoc />
    public string Name => "report";

    /// <inheritdoc />
    public string Description => "Collect the numbers into results.json and write report.html with every figure.";

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts(RunConfig config) => [RunResults.FileName, ReportHtml.FileName];

    /// <inheritdoc />
    public object Fingerprint(RunConfig config) => new { Run = RunFingerprint.Of(config) };

    /// <inheritdoc />
    public void Run(StageContext context)
    {
        var results = ResultsCollector.Collect(context.Config, Artifacts(context.Config));
        ArtifactJson.Write(context.PathOf(RunResults.FileName), results);
        ReportHtml.Write(context.PathOf(ReportHtml.FileName), results, context.Config.OutDir);
        context.Log($"wrote {RunResults.FileName} and {ReportHtml.FileName} ({results.Artifacts.Count} artifacts, {results.Timings.Count} stage timings)");
    }
}
