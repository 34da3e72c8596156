namespace FnfDsl.Pipeline.Configuration;

/// <summary>Every size of one run: networks, training schedules, scan grids, bands and the bootstrap ensemble.</summary>
/// <remarks>
/// A null network size means the declaration's (its attributes carry the paper's defaults). <see cref="Quick"/> runs
/// the whole chain in minutes on two cores; <see cref="Paper"/> keeps the declared networks with the FNF paper's
/// schedules (appendix B). A settings file (<see cref="SettingsFile"/>) overrides any part of a preset. Stages hash
/// the part of these settings they depend on, so that a changed setting reruns exactly the stages it affects.
/// </remarks>
/// <param name="Mode">Preset name: "quick", "paper", or "custom" for a settings file.</param>
/// <param name="FeatureFlow">Conditional feature flow p_f(y | x); null: the declaration's.</param>
/// <param name="KinematicFlow">Kinematic flow p_f(x); null: the declaration's.</param>
/// <param name="NominalTraining">Training of both nominal flows.</param>
/// <param name="FnfHeads">FNF heads of the input systematics; null: the declaration's.</param>
/// <param name="SystematicsTraining">Training of the FNF heads on the variation samples.</param>
/// <param name="Doi">The Distribution-of-Interest flow T; null: the declaration's.</param>
/// <param name="Step1Fit">Step-1 global fit of T and nu.</param>
/// <param name="ResidualHeads">Heads of the step-2 residual FNF R.</param>
/// <param name="AmortizedTraining">Step-2 amortized training of R.</param>
/// <param name="Scans">Likelihood scan grids.</param>
/// <param name="Bands">Principal-mode and DoI-band resolution.</param>
/// <param name="Bootstrap">Poisson-bootstrap ensemble.</param>
/// <param name="ScanPairs">Pairs of nuisances (by name) scanned in 2-D; null: the first two shape nuisances (or nuisances).</param>
public sealed record RunSettings(
    string Mode,
    FlowSettings? FeatureFlow,
    FlowSettings? KinematicFlow,
    TrainingSettings NominalTraining,
    HeadSettings? FnfHeads,
    TrainingSettings SystematicsTraining,
    FlowSettings? Doi,
    FitSettings Step1Fit,
    HeadSettings ResidualHeads,
    TrainingSettings AmortizedTraining,
    ScanSettings Scans,
    BandSettings Bands,
    BootstrapSettings Bootstrap,
    IReadOnlyList<string[]>? ScanPairs = null)
{
    /// <summary>Name of the quick preset.</summary>
    public const string QuickMode = "quick";

    /// <summary>Name of the paper preset.</summary>
    public const string PaperMode = "paper";

    /// <summary>Small networks and few epochs: the whole chain in minutes on two cores.</summary>
    public static RunSettings Quick { get; } = new(
        Mode: QuickMode,
        FeatureFlow: new FlowSettings(Layers: 2, Bins: 12, HiddenWidth: 48, HiddenDepth: 2),
        KinematicFlow: new FlowSettings(Layers: 1, Bins: 12, HiddenWidth: 32, HiddenDepth: 2),
        NominalTraining: new TrainingSettings(Epochs: 15, BatchSize: 1024, LearningRate: 3e-3),
        FnfHeads: new HeadSettings(Layers: 1, HiddenWidth: 32, HiddenDepth: 2),
        SystematicsTraining: new TrainingSettings(Epochs: 8, BatchSize: 1024, LearningRate: 3e-3),
        Doi: new FlowSettings(Layers: 2, Bins: 8, HiddenWidth: 32, HiddenDepth: 2),
        // lr 1e-2 reaches the DoI optimum far faster than 3e-3; the cosine tail settles it (R then has little of T left to fit).
        Step1Fit: new FitSettings(Epochs: 40, BatchSize: 1024, LearningRate: 1e-2, NuLearningRate: 3e-2),
        ResidualHeads: new HeadSettings(Layers: 1, HiddenWidth: 32, HiddenDepth: 2),
        // R must be right to ~1e-4 NLL per event: large batches average the per-event nu draws (runtime default schedule).
        AmortizedTraining: new TrainingSettings(Epochs: 200, BatchSize: 8192, LearningRate: 1e-2),
        Scans: new ScanSettings(Points1D: 11, Points2D: 9, HalfWidth: 3.0),
        Bands: new BandSettings(GridPoints: 10, CurvePoints: 30, ContourSamples: 20),
        Bootstrap: new BootstrapSettings(Replicas: 3, Training: new FitSettings(Epochs: 8, BatchSize: 512, LearningRate: 3e-3, NuLearningRate: 3e-2)));

    /// <summary>The declared networks (the paper's sizes unless the declaration says otherwise) with the FNF paper's schedules (appendix B).</summary>
    public static RunSettings Paper { get; } = new(
        Mode: PaperMode,
        FeatureFlow: null,
        KinematicFlow: null,
        NominalTraining: new TrainingSettings(Epochs: 40, BatchSize: 1024, LearningRate: 1e-3),
        FnfHeads: null,
        SystematicsTraining: new TrainingSettings(Epochs: 40, BatchSize: 1024, LearningRate: 1e-3),
        Doi: null,
        Step1Fit: new FitSettings(Epochs: 40, BatchSize: 1024, LearningRate: 1e-3, NuLearningRate: 1e-2),
        ResidualHeads: new HeadSettings(Layers: 1, HiddenWidth: 64, HiddenDepth: 2),
        AmortizedTraining: new TrainingSettings(Epochs: 300, BatchSize: 8192, LearningRate: 1e-2),
        Scans: new ScanSettings(Points1D: 41, Points2D: 21, HalfWidth: 3.0),
        Bands: new BandSettings(GridPoints: 20, CurvePoints: 100, ContourSamples: 64),
        Bootstrap: new BootstrapSettings(Replicas: 20, Training: new FitSettings(Epochs: 40, BatchSize: 1024, LearningRate: 1e-3, NuLearningRate: 1e-2)));

    /// <summary>The preset called <paramref name="mode"/> ("quick" or "paper").</summary>
    public static RunSettings ForMode(string mode) => mode switch
    {
        QuickMode => Quick,
        PaperMode => Paper,
        _ => throw new ArgumentException($"Unknown run mode '{mode}'; use '{QuickMode}' or '{PaperMode}'.", nameof(mode)),
    };
}
