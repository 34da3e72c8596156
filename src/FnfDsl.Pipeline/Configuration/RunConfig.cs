using FnfDsl.Analysis;

namespace FnfDsl.Pipeline.Configuration;

/// <summary>What one invocation of the pipeline was asked to do: which analysis, which inputs, where, with which settings and seed.</summary>
/// <param name="OutDir">Folder of every artifact of the run (created if missing; never the inputs' folder).</param>
/// <param name="Analysis">The declared analysis (the generated <c>Spec</c>).</param>
/// <param name="InputsPath">Full path of the input manifest (see docs/inputs.md).</param>
/// <param name="Settings">Sizes of the run (a preset, possibly overridden by a settings file).</param>
/// <param name="Seed">Master seed of initialisation, batching, bootstrap and pseudo-data.</param>
/// <param name="Force">Rerun the selected stages even if their artifacts are up to date.</param>
/// <param name="Options">Options that extensions added to the command line, by name without dashes (e.g. "inject"), as given.</param>
public sealed record RunConfig(
    string OutDir,
    AnalysisSpec Analysis,
    string InputsPath,
    RunSettings Settings,
    int Seed,
    bool Force,
    IReadOnlyDictionary<string, string> Options)
{
    /// <summary>A quick-mode configuration of <paramref name="analysis"/> in <paramref name="outDir"/> with seed 1.</summary>
    public static RunConfig Default(AnalysisSpec analysis, string outDir, string inputsPath) =>
        new(outDir, analysis, inputsPath, RunSettings.Quick, Seed: 1, Force: false, new SortedDictionary<string, string>(StringComparer.Ordinal));

    /// <summary>The extension option <paramref name="name"/>, or null when it was not given.</summary>
    public string? Option(string name) => Options.TryGetValue(name, out string? value) ? value : null;
}
