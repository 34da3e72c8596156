using System.Text.Json;
using FnfDsl.IO;

namespace FnfDsl.Analysis;

/// <summary>The resumable state of a long fit: where it stood after an epoch, besides the model's weights.</summary>
public sealed record FitCheckpointState(int Epoch, double[] Theta, double[] Nu, double[] History, double BestNll,
    double[] BestTheta, double[] BestNu, int NanRecoveries, double LearningRateFactor, string WeightsHash);

/// <summary>
/// Atomic checkpoints of a fit: the model (weights + metadata, via <see cref="ModelStore"/>) and a JSON state that records
/// the weights' hash, so a crash between the two writes is detected and the stale pair ignored.
/// </summary>
/// <remarks>AdamW's moment estimates are not saved: a resumed fit restarts them, which costs a few steps of warm-up.</remarks>
public static class FitCheckpoint
{
    /// <summary>Saves the model, then the state that points at its hash.</summary>
    public static void Save(AnalysisModel model, string path, FitCheckpointState state)
    {
        var metadata = model.Save(path);
        AtomicText.Write(StatePath(path), JsonSerializer.Serialize(state with { WeightsHash = metadata.ContentHash ?? "" }));
    }

    /// <summary>Loads the model weights and returns the state, or null when there is no consistent checkpoint at <paramref name="path"/>.</summary>
    public static FitCheckpointState? TryLoad(AnalysisModel model, string path)
    {
        if (!File.Exists(StatePath(path)) || !File.Exists(path)) return null;
        var state = JsonSerializer.Deserialize<FitCheckpointState>(File.ReadAllText(StatePath(path)))
            ?? throw new ModelFileException(StatePath(path), "the checkpoint state is empty");
        if (!string.Equals(ModelStore.ReadMetadata(path).ContentHash, state.WeightsHash, StringComparison.OrdinalIgnoreCase)) return null;
        ModelStore.Load(model, path, model.Metadata());
        model.Freeze();
        return state;
    }

    /// <summary>The state file beside a checkpoint.</summary>
    public static string StatePath(string path) => path + ".state.json";
}
