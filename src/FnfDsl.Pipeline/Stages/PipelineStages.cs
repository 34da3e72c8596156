namespace FnfDsl.Pipeline.Stages;

/// <summary>The stages every analysis runs through, in execution order.</summary>
public static class PipelineStages
{
    /// <summary>A fresh list of every stage: the CLI gets one sub-command per entry, and "run" runs them all in this order.</summary>
    public static List<IStage> Create(IReadOnlyList<ReportExtra> report) =>
    [
        new TrainNominalStage(),
        new TrainSystematicsStage(),
        new FitStage(),
        new AmortizeStage(),
        new ProfileStage(),
        new HessianStage(),
        new BootstrapStage(),
        new PseudoDataStage(),
        new ReportStage(report),
    ];
}
