using ToyFnf.Configuration;
using ToyFnf.Progress;
using ToyFnf.Stages;

namespace FnfDsl.Samples.Tests.Pipeline;

/// <summary>Run settings and helpers of the end-to-end tests.</summary>
internal static class TestRuns
{
    /// <summary>
    /// Tiny sizes: every stage runs in seconds. Numbers are not meant to be precise, only well-formed (finite fits,
    /// intervals, a positive definite Hessian, drawn figures).
    /// </summary>
    public static RunSettings Tiny { get; } = RunSettings.Quick with
    {
        Mode = "tiny",
        Samples = new SampleSizes(NominalPerFlavour: 1_500, VariationPerShift: 600, DataPerFlavour: 800),
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

    /// <summary>A configuration of <paramref name="settings"/> in <paramref name="outDir"/>.</summary>
    public static RunConfig Config(string outDir, RunSettings settings, int seed = 5, IReadOnlyDictionary<string, double>? injected = null) =>
        RunConfig.Default(outDir) with
        {
            Settings = settings,
            Seed = seed,
            Injected = injected ?? new SortedDictionary<string, double>(StringComparer.Ordinal),
        };

    /// <summary>
    /// Runs the ToyFnf stages up to <paramref name="target"/> (all when null). Progress and stage logs are discarded, or
    /// appended to the file named by the environment variable <see cref="LogVariable"/> (to study a failing run).
    /// </summary>
    public static IReadOnlyList<StageOutcome> Run(RunConfig config, string? target = null)
    {
        string? log = Environment.GetEnvironmentVariable(LogVariable);
        using var writer = string.IsNullOrEmpty(log) ? TextWriter.Null : new StreamWriter(log, append: true) { AutoFlush = true };
        return new StageRunner(ToyFnfStages.Create(), new LineProgressDisplay(writer)).Run(config, target);
    }

    /// <summary>Appends <paramref name="line"/> to the log file of <see cref="LogVariable"/>, if one is named.</summary>
    public static void Note(string line)
    {
        string? log = Environment.GetEnvironmentVariable(LogVariable);
        if (!string.IsNullOrEmpty(log)) File.AppendAllText(log, line + Environment.NewLine);
    }

    /// <summary>Environment variable naming a file that receives the logs of test runs.</summary>
    public const string LogVariable = "FNFDSL_TEST_LOG";
}
