using System.Text.Json;
using FnfDsl.IO;
using FnfDsl.Training;
using TorchSharp.Modules;

namespace FnfDsl.Analysis;

/// <summary>The resumable state of a long fit: where it stood after an epoch, besides the model's weights.</summary>
/// <param name="Epoch">The last completed epoch.</param>
/// <param name="Theta">POIs after it.</param>
/// <param name="Nu">Nuisances after it.</param>
/// <param name="History">Full-data NLL after each epoch so far.</param>
/// <param name="BestNll">Lowest NLL so far.</param>
/// <param name="BestTheta">POIs at the lowest NLL.</param>
/// <param name="BestNu">Nuisances at the lowest NLL.</param>
/// <param name="NanRecoveries">Non-finite steps rolled back so far.</param>
/// <param name="LearningRateFactor">Factor the learning rates were halved to by the recoveries.</param>
/// <param name="WeightsHash">Content hash of the model file written with this state.</param>
/// <param name="SinceImprovement">Settled epochs without an improvement of the tolerance (the patience count).</param>
/// <param name="BestHash">SHA-256 of the file of the DoI's weights at the lowest NLL.</param>
/// <param name="OptimizerHash">SHA-256 of the file of the optimiser's state (AdamW's moments and step counts).</param>
public sealed record FitCheckpointState(int Epoch, double[] Theta, double[] Nu, double[] History, double BestNll,
    double[] BestTheta, double[] BestNu, int NanRecoveries, double LearningRateFactor, string WeightsHash,
    int SinceImprovement = 0, string BestHash = "", string OptimizerHash = "");

/// <summary>
/// Atomic checkpoints of a fit, four files: the model at the last epoch (weights + metadata, via <see cref="ModelStore"/>),
/// the DoI's weights at the best epoch, the optimiser's state, and last a JSON state that records the hashes of the other
/// three, so that a crash between the writes is detected and the stale set ignored. A resumed fit continues exactly as the
/// uninterrupted one would have.
/// </summary>
public static class FitCheckpoint
{
    /// <summary>Saves the model, the best DoI weights and the optimiser, then the state that points at their hashes.</summary>
    internal static void Save(AnalysisModel model, string path, FitCheckpointState state, ParameterSnapshot best, OptimizerHelper optimizer)
    {
        var metadata = model.Save(path);
        string bestHash = AtomicFile.WriteHashed(BestPath(path), best.Write);
        string optimizerHash = AtomicFile.WriteHashed(OptimizerPath(path), optimizer.save_state_dict);
        AtomicFile.WriteAllText(StatePath(path), JsonSerializer.Serialize(state with
        {
            WeightsHash = metadata.ContentHash ?? "", BestHash = bestHash, OptimizerHash = optimizerHash,
        }, TrainingCheckpoint.Json));
    }

    /// <summary>
    /// Loads the model weights and returns the state, or null when there is no consistent checkpoint at <paramref name="path"/>
    /// (a file missing, or one whose hash differs from the state's); the best weights and the optimiser are then read by
    /// <see cref="LoadBest"/> and <see cref="LoadOptimizer"/>.
    /// </summary>
    public static FitCheckpointState? TryLoad(AnalysisModel model, string path)
    {
        if (!File.Exists(StatePath(path)) || !File.Exists(path) || !File.Exists(BestPath(path)) || !File.Exists(OptimizerPath(path))) return null;
        var state = JsonSerializer.Deserialize<FitCheckpointState>(File.ReadAllText(StatePath(path)), TrainingCheckpoint.Json)
            ?? throw new ModelFileException(StatePath(path), "the checkpoint state is empty");
        if (!string.Equals(ModelStore.ReadMetadata(path).ContentHash, state.WeightsHash, StringComparison.OrdinalIgnoreCase)) return null;
        if (!string.Equals(AtomicFile.Sha256(BestPath(path)), state.BestHash, StringComparison.Ordinal)) return null;
        if (!string.Equals(AtomicFile.Sha256(OptimizerPath(path)), state.OptimizerHash, StringComparison.Ordinal)) return null;
        ModelStore.Load(model, path, model.Metadata());
        model.Freeze();
        return state;
    }

    /// <summary>Reads the best epoch's DoI weights of the checkpoint <see cref="TryLoad"/> accepted into <paramref name="best"/>.</summary>
    internal static void LoadBest(string path, ParameterSnapshot best) => best.Read(BestPath(path));

    /// <summary>Reads the optimiser state of the checkpoint <see cref="TryLoad"/> accepted into <paramref name="optimizer"/>.</summary>
    internal static void LoadOptimizer(string path, OptimizerHelper optimizer) => optimizer.load_state_dict(OptimizerPath(path));

    /// <summary>The state file beside a checkpoint.</summary>
    public static string StatePath(string path) => TrainingCheckpoint.StatePath(path);

    /// <summary>The file of the best epoch's DoI weights beside a checkpoint.</summary>
    public static string BestPath(string path) => TrainingCheckpoint.BestPath(path);

    /// <summary>The file of the optimiser's state beside a checkpoint.</summary>
    public static string OptimizerPath(string path) => TrainingCheckpoint.OptimizerPath(path);
}
