using FnfDsl.Profiling;
using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Results;

namespace FnfDsl.Pipeline.Tests.Report;

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
    ],
    [new PoiFit("mu", 1.234, new Interval(0.9, 1.61), new Interval(0.55, 2.0), 3.217)]);

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
        Analysis: config.Analysis.Name,
        Mode: config.Settings.Mode,
        Settings: config.Settings,
        Seed: config.Seed,
        Fingerprint: RunFingerprint.Of(config),
        AnalysisFingerprint: config.Analysis.Fingerprint,
        Inputs: config.InputsPath,
        Yields: new SortedDictionary<string, double> { ["A"] = 5000, ["B"] = 5000 },
        Truth: new SortedDictionary<string, double> { ["variation_x"] = 1.0 },
        Options: config.Options,
        Versions: LibraryVersions.Current(),
        CreatedUtc: new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Step1: Step1,
        AmortizedBoxes: Boxes,
        Step2: Step2,
        Hessian: Hessian,
        Bootstrap: Bootstrap,
        Skipped: new SortedDictionary<string, string>(),
        Extras: new SortedDictionary<string, System.Text.Json.JsonElement>(),
        Timings: [new StageTiming("generate", 3.26, new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero))],
        Artifacts: ["data/manifest.json", "results.json", "report.html"]);
}
