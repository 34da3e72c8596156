using ToyFnf.Configuration;

namespace ToyFnf.Results;

/// <summary>Everything results.json holds about one ToyFnf run: configuration, fits, Hessian, bootstrap, timings, artifacts.</summary>
/// <param name="Mode">"quick" or "paper".</param>
/// <param name="Settings">The run's sizes.</param>
/// <param name="Seed">Master seed.</param>
/// <param name="Fingerprint">SHA-256 of settings, seed, injected nuisances and data folder: equal fingerprints mean the same configuration.</param>
/// <param name="AnalysisFingerprint">The fingerprint of the analysis declaration (ToyAnalysis.Fingerprint) every saved model carries.</param>
/// <param name="Injected">Nuisances injected into the data (absent = 0).</param>
/// <param name="DataDir">The folder of existing input files, or null when the data were generated.</param>
/// <param name="Versions">Software versions.</param>
/// <param name="CreatedUtc">When results.json was written.</param>
/// <param name="Step1">Step-1 global fit with scans at fixed T; null if that stage has not run.</param>
/// <param name="DoiClosure">Step-1 DoI against the true inverse distortion; null if not run.</param>
/// <param name="AmortizedBoxes">The wide and focused boxes the amortized DoI was trained in; null if not run.</param>
/// <param name="Step2">Step-2 amortized fit with profiled scans; null if not run.</param>
/// <param name="Hessian">Hessian and eigen-modes at the step-2 minimum; null if not run.</param>
/// <param name="Bootstrap">Poisson-bootstrap ensemble; null if not run.</param>
/// <param name="Timings">Wall time of each completed stage.</param>
/// <param name="Artifacts">Every artifact of the run, relative to the run folder.</param>
public sealed record RunResults(
    string Mode,
    RunSettings Settings,
    int Seed,
    string Fingerprint,
    string AnalysisFingerprint,
    IReadOnlyDictionary<string, double> Injected,
    string? DataDir,
    LibraryVersions Versions,
    DateTimeOffset CreatedUtc,
    FitSummary? Step1,
    DoiClosureSummary? DoiClosure,
    AmortizedBoxes? AmortizedBoxes,
    FitSummary? Step2,
    HessianSummary? Hessian,
    BootstrapSummary? Bootstrap,
    IReadOnlyList<StageTiming> Timings,
    IReadOnlyList<string> Artifacts)
{
    /// <summary>File name of the results inside the run folder.</summary>
    public const string FileName = "results.json";
}
