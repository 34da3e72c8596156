using System.Text.Json;
using FnfDsl.Pipeline.Configuration;

namespace FnfDsl.Pipeline.Results;

/// <summary>Everything results.json holds about one run: configuration, fits, Hessian, bootstrap, extensions' sections, timings, artifacts.</summary>
/// <param name="Analysis">The analysis' declared name.</param>
/// <param name="Mode">"quick", "paper" or "custom".</param>
/// <param name="Settings">The run's sizes as used.</param>
/// <param name="Seed">Master seed.</param>
/// <param name="Fingerprint">SHA-256 of settings, seed, inputs and extension options: equal fingerprints mean the same configuration.</param>
/// <param name="AnalysisFingerprint">The fingerprint of the analysis declaration every saved model carries.</param>
/// <param name="Inputs">The input manifest.</param>
/// <param name="Yields">Expected data yield of each flavour (the manifest's, else the declaration's).</param>
/// <param name="Truth">Known true nuisance values of the inputs (empty for real data).</param>
/// <param name="Options">Extension options of the run.</param>
/// <param name="Versions">Software versions.</param>
/// <param name="CreatedUtc">When results.json was written.</param>
/// <param name="Step1">The fit stage: step-1 fit with scans at fixed T, or the fit with the simulation densities; null if not run.</param>
/// <param name="AmortizedBoxes">The wide and focused boxes the amortized DoI was trained in; null if not run.</param>
/// <param name="Step2">Step-2 amortized fit with profiled scans; null if not run.</param>
/// <param name="Hessian">Hessian and eigen-modes at the final minimum; null if not run.</param>
/// <param name="Bootstrap">Poisson-bootstrap ensemble; null if not run.</param>
/// <param name="Skipped">Stages that do not apply to this analysis, with the reason.</param>
/// <param name="Extras">Sections of extensions, by key.</param>
/// <param name="Timings">Wall time of each completed stage.</param>
/// <param name="Artifacts">Every artifact of the run, relative to the run folder.</param>
public sealed record RunResults(
    string Analysis,
    string Mode,
    RunSettings Settings,
    int Seed,
    string Fingerprint,
    string AnalysisFingerprint,
    string Inputs,
    IReadOnlyDictionary<string, double> Yields,
    IReadOnlyDictionary<string, double> Truth,
    IReadOnlyDictionary<string, string> Options,
    LibraryVersions Versions,
    DateTimeOffset CreatedUtc,
    FitSummary? Step1,
    AmortizedBoxes? AmortizedBoxes,
    FitSummary? Step2,
    HessianSummary? Hessian,
    BootstrapSummary? Bootstrap,
    IReadOnlyDictionary<string, string> Skipped,
    IReadOnlyDictionary<string, JsonElement> Extras,
    IReadOnlyList<StageTiming> Timings,
    IReadOnlyList<string> Artifacts)
{
    /// <summary>File name of the results inside the run folder.</summary>
    public const string FileName = "results.json";
}
