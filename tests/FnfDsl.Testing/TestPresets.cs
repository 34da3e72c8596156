using FnfDsl.Pipeline.Configuration;

namespace FnfDsl.Testing;

/// <summary>Run settings for tests of the whole pipeline.</summary>
public static class TestPresets
{
    /// <summary>
    /// Tiny sizes: every stage runs in seconds. Numbers are not meant to be precise, only well-formed (finite fits,
    /// intervals, a positive definite Hessian, drawn figures).
    /// </summary>
    public static RunSettings Tiny { get; } = RunSettings.Quick with
    {
        Mode = "tiny",
        FeatureFlow = new FlowSettings(Layers: 1, Bins: 6, HiddenWidth: 16, HiddenDepth: 1),
        KinematicFlow = new FlowSettings(Layers: 1, Bins: 6, HiddenWidth: 8, HiddenDepth: 1),
        NominalTraining = new TrainingSettings(Epochs: 2, BatchSize: 512, LearningRate: 5e-3),
        FnfHeads = new HeadSettings(Layers: 1, HiddenWidth: 8, HiddenDepth: 1),
        SystematicsTraining = new TrainingSettings(Epochs: 2, BatchSize: 512, LearningRate: 5e-3),
        Doi = new FlowSettings(Layers: 1, Bins: 6, HiddenWidth: 16, HiddenDepth: 1),
        Step1Fit = new FitSettings(Epochs: 3, BatchSize: 256, LearningRate: 3e-3, NuLearningRate: 3e-2),
        ResidualHeads = new HeadSettings(Layers: 1, HiddenWidth: 8, HiddenDepth: 1),
        AmortizedTraining = new TrainingSettings(Epochs: 2, BatchSize: 256, LearningRate: 2e-3),
        Scans = new ScanSettings(Points1D: 9, Points2D: 5, HalfWidth: 3.0),
        Bands = new BandSettings(GridPoints: 5, CurvePoints: 8, ContourSamples: 6),
        Bootstrap = new BootstrapSettings(Replicas: 2, Training: new FitSettings(Epochs: 1, BatchSize: 256, LearningRate: 3e-3, NuLearningRate: 3e-2)),
    };
}
