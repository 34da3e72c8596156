namespace ToyFnf.Stages;

/// <summary>The stages of the ToyFnf chain, in execution order.</summary>
public static class ToyFnfStages
{
    /// <summary>A fresh list of every stage: the CLI gets one sub-command per entry, and "run" runs them all in this order.</summary>
    public static IReadOnlyList<IStage> Create() =>
    [
        new GenerateStage(),
        new TrainNominalStage(),
        new TrainSystematicsStage(),
        new FitStage(),
        new AmortizeStage(),
        new ProfileStage(),
        new HessianStage(),
        new BootstrapStage(),
        new ReportStage(),
    ];
}
