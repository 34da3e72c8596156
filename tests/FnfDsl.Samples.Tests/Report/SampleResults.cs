using FnfDsl.Profiling;
using ToyFnf.Configuration;
using ToyFnf.Results;

namespace FnfDsl.Samples.Tests.Report;

/// <summary>Result sections with distinctive numbers, for the results.json and report tests.</summary>
internal static class SampleResults
{
    public static FitSummary Step1 { get; } = new("step 1", 10234.5678,
    [
        new NuisanceFit("variation_x", 0.8731, new Interval(0.512, 1.204), new Interval(0.1, 1.61), Injected: 1.0),
        new NuisanceFit("variation_y", -0.4412, new Interval(-0.9, 0.05), new Interval(double.NegativeInfinity, 0.6)),
    ]);

    public static FitSummary Step2 { get; } = new("step 2", 10230.25,
    [
        new NuisanceFit("variation_x", 0.9517, new Interval(0.61, 1.3), new Interval(0.27, 1.66), Injected: 1.0),
        new NuisanceFit("variation_y", -0.5125, new Interval(-0.95, -0.07), new Interval(-1.4, double.PositiveInfinity)),
    ]);

    public static DoiClosureSummary DoiClosure { get; } = new(10012, 0.4817, 0.6234, 0.2121, 0.0415,
        [new FlavourClosure("A", 5003, 0.5521, 0.7302, 0.2412, 0.0466), new FlavourClosure("B", 5009, 0.4114, 0.5166, 0.1831, 0.0364)]);

    public static AmortizedBoxes Boxes { get; } = new(["variation_x", "variation_y"],
        [new Interval(-1.2, 2.8), new Interval(-2.4, 1.6)], [new Interval(0.3, 1.6), new Interval(-2.4, 1.1)]);

    public static HessianSummary Hessian { get; } = new(
        ["variation_x", "variation_y"],
        [[8.25, -1.5], [-1.5, 3.75]],
        [3.3215, 8.6785],
        [[0.2898, 0.9571], [0.9571, -0.2898]]);

    public static BootstrapSummary Bootstrap { get; } = new(5,
        [new NuisanceFit("variation_x", 0.9402, new Interval(0.58, 1.33), new Interval(0.22, 1.7))],
        [ReplicaSpread.Of("variation_x", [0.91, 0.95, 0.97, 0.92, 0.96])]);

    public static RunResults Full(RunConfig config) => new(
        Mode: config.Settings.Mode,
        Settings: config.Settings,
        Seed: config.Seed,
        Fingerprint: RunFingerprint.Of(config),
        AnalysisFingerprint: ToyFnf.Analysis.ToyAnalysis.Fingerprint,
        Injected: config.Injected,
        DataDir: config.DataDir,
        Versions: LibraryVersions.Current(),
        CreatedUtc: new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Step1: Step1,
        DoiClosure: DoiClosure,
        AmortizedBoxes: Boxes,
        Step2: Step2,
        Hessian: Hessian,
        Bootstrap: Bootstrap,
        Timings: [new StageTiming("generate", 3.26, new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero))],
        Artifacts: ["data/manifest.json", "results.json", "report.html"]);
}
