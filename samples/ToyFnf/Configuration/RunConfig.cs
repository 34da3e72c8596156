namespace ToyFnf.Configuration;

/// <summary>What one invocation of ToyFnf was asked to do: where, with which settings, seed and injected nuisances.</summary>
/// <param name="OutDir">Folder of every artifact of the run (created if missing).</param>
/// <param name="Settings">Sizes of the run (the quick or paper preset).</param>
/// <param name="Seed">Master seed of data generation, initialisation and batching.</param>
/// <param name="Force">Rerun the selected stages even if their artifacts are up to date.</param>
/// <param name="Injected">Nuisances injected into the generated data, by toy nuisance name (absent = 0), sorted by name.</param>
/// <param name="DataDir">A folder of existing toy input files to use instead of generating them; null to generate.</param>
public sealed record RunConfig(
    string OutDir,
    RunSettings Settings,
    int Seed,
    bool Force,
    IReadOnlyDictionary<string, double> Injected,
    string? DataDir)
{
    /// <summary>A quick-mode configuration in <paramref name="outDir"/> with seed 1 and nothing injected.</summary>
    public static RunConfig Default(string outDir) =>
        new(outDir, RunSettings.Quick, Seed: 1, Force: false, new SortedDictionary<string, double>(StringComparer.Ordinal), DataDir: null);
}
