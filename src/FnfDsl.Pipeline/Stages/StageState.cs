using FnfDsl.Pipeline.Output;

namespace FnfDsl.Pipeline.Stages;

/// <summary>The run folder's stages.json: one record per completed stage, rewritten atomically after every change.</summary>
public sealed class StageState
{
    /// <summary>File name of the state inside the run folder.</summary>
    public const string FileName = "stages.json";

    /// <summary>Completed stages by name.</summary>
    public SortedDictionary<string, StageRecord> Stages { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Stages that do not apply to the run, with the reason, by name.</summary>
    public SortedDictionary<string, string> Skipped { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The state of the run folder <paramref name="outDir"/>; empty when it has none yet.</summary>
    public static StageState Load(string outDir)
    {
        string path = Path.Combine(outDir, FileName);
        return File.Exists(path) ? ArtifactJson.Read<StageState>(path) : new StageState();
    }

    /// <summary>Writes the state to <paramref name="outDir"/>/stages.json atomically.</summary>
    public void Save(string outDir) => ArtifactJson.Write(Path.Combine(outDir, FileName), this);
}
