namespace FnfDsl.Pipeline.Stages;

/// <summary>The stages every analysis runs through, in execution order.</summary>
public static class PipelineStages
{
    /// <summary>A fresh list of every stage: the CLI gets one sub-command per entry, and "run" runs them all in this order.</summary>
    /// <param name="report">The extensions' report sections (a live list: sections added later are reported too).</param>
    /// <param name="summary">The report's opening paragraph, read when the report is written.</param>
    public static List<IStage> Create(IReadOnlyList<ReportExtra> report, Func<string?>? summary = null) =>
    [
        new TrainNominalStage(),
        new TrainSystematicsStage(),
        new FitStage(),
        new AmortizeStage(),
        new ProfileStage(),
        new HessianStage(),
        new BootstrapStage(),
        new PseudoDataStage(),
        new ReportStage(report, summary),
    ];
}
