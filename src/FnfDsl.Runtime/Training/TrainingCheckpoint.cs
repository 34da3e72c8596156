using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FnfDsl.IO;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FnfDsl.Training;

/// <summary>Where a <see cref="Trainer.Fit"/> stood after an epoch: histories, best epoch, patience and recovery counts, file hashes.</summary>
/// <param name="Signature">What was trained and how (parameter sizes, events, epochs, batch, learning rate, seed): a checkpoint resumes only its own training.</param>
/// <param name="Epoch">The last completed epoch.</param>
/// <param name="TrainLoss">Mean training loss per completed epoch.</param>
/// <param name="ValidationLoss">Validation loss per completed epoch.</param>
/// <param name="BestLoss">Lowest monitored loss so far.</param>
/// <param name="BestEpoch">Its epoch (0: none yet).</param>
/// <param name="EpochsSinceBest">Epochs since it (the patience count).</param>
/// <param name="LastValidation">The last validation loss (NaN without a validation set).</param>
/// <param name="LearningRateFactor">Factor the NaN recoveries have cut the learning rate to.</param>
/// <param name="Recoveries">NaN recoveries so far.</param>
/// <param name="CurrentHash">SHA-256 of the file of the parameters after the epoch.</param>
/// <param name="BestHash">SHA-256 of the file of the best epoch's parameters.</param>
/// <param name="OptimizerHash">SHA-256 of the file of AdamW's state.</param>
/// <param name="GeneratorsHash">SHA-256 of the file of the random generators' states (the shuffles', the batch loss's).</param>
public sealed record TrainingCheckpointState(string Signature, int Epoch, double[] TrainLoss, double[] ValidationLoss, double BestLoss, int BestEpoch,
    int EpochsSinceBest, double LastValidation, double LearningRateFactor, int Recoveries, string CurrentHash, string BestHash, string OptimizerHash,
    string GeneratorsHash)
{
    /// <summary>The monitored loss per completed epoch: the validation loss (or the client's evaluation, e.g. the full-data NLL), else the training loss.</summary>
    [JsonIgnore]
    public double[] History => ValidationLoss.Length > 0 ? ValidationLoss : TrainLoss;
}

/// <summary>
/// Atomic checkpoints of a <see cref="Trainer.Fit"/> run (<see cref="TrainerOptions.CheckpointPath"/>): the trained parameters,
/// the best epoch's, AdamW's state, the random generators' states, and last a JSON state with the others' hashes, so a crash between writes leaves the
/// previous checkpoint or a detectably stale set. A resumed run continues exactly as the uninterrupted one would have.
/// </summary>
public static class TrainingCheckpoint
{
    // NaN and infinity are legitimate values of a state (no validation set, no finite epoch yet), which JSON numbers cannot hold.
    internal static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The state file of a checkpoint (the path itself holds the parameters).</summary>
    public static string StatePath(string path) => path + ".state.json";

    /// <summary>The file of the best epoch's parameters.</summary>
    public static string BestPath(string path) => path + ".best.bin";

    /// <summary>The file of the optimiser's state.</summary>
    public static string OptimizerPath(string path) => path + ".optimizer.bin";

    /// <summary>The file of the random generators' states.</summary>
    public static string GeneratorsPath(string path) => path + ".rng.bin";

    /// <summary>
    /// The signature of a training: the trained parameters' sizes and the settings that shape its steps (the epochs only
    /// through a decaying schedule, so that a constant-rate run may be resumed with more or fewer epochs).
    /// </summary>
    internal static string Signature(IReadOnlyList<ParameterGroup> groups, long trainCount, long evaluationCount, TrainerOptions o) =>
        string.Create(CultureInfo.InvariantCulture,
            $"parameters [{string.Join(",", groups.SelectMany(g => g.Parameters).Select(p => p.numel()))}] {o.Dtype}; events {trainCount}+{evaluationCount}; " +
            $"{(o.CosineDecay ? $"epochs {o.Epochs}" : "constant rate")}; batch {o.BatchSize}; lr {string.Join(",", groups.Select(g => g.LearningRate.ToString("R", CultureInfo.InvariantCulture)))}; " +
            $"seed {o.Seed}{(o.AlternateGroups ? "; alternating" : "")}");

    /// <summary>Writes the parameters, the best ones and the optimiser, then the state naming their hashes.</summary>
    internal static void Save(string path, TrainingCheckpointState state, IReadOnlyList<Parameter> trained, ParameterSnapshot best, OptimizerHelper optimizer,
        IReadOnlyList<Generator> generators)
    {
        string current = AtomicFile.WriteHashed(path, f => ParameterSnapshot.WriteValues(trained, f));
        string bestHash = AtomicFile.WriteHashed(BestPath(path), best.Write);
        string optimizerHash = AtomicFile.WriteHashed(OptimizerPath(path), optimizer.save_state_dict);
        string generatorsHash = AtomicFile.WriteHashed(GeneratorsPath(path), f => WriteGenerators(generators, f));
        AtomicFile.WriteAllText(StatePath(path), JsonSerializer.Serialize(state with
        {
            CurrentHash = current, BestHash = bestHash, OptimizerHash = optimizerHash, GeneratorsHash = generatorsHash,
        }, Json));
    }

    /// <summary>
    /// The state of a consistent checkpoint at <paramref name="path"/>, with the parameters, best parameters and optimiser
    /// loaded; null when there is none or a file does not match its hash. Throws if it belongs to another training.
    /// </summary>
    internal static TrainingCheckpointState? TryLoad(string path, string signature, IReadOnlyList<Parameter> trained, ParameterSnapshot best, OptimizerHelper optimizer,
        IReadOnlyList<Generator> generators)
    {
        if (new[] { StatePath(path), path, BestPath(path), OptimizerPath(path), GeneratorsPath(path) }.Any(f => !File.Exists(f))) return null;
        var state = JsonSerializer.Deserialize<TrainingCheckpointState>(File.ReadAllText(StatePath(path)), Json)
            ?? throw new ModelFileException(StatePath(path), "the checkpoint state is empty");
        if (state.Signature != signature)
            throw new ModelFileException(StatePath(path), $"the checkpoint belongs to another training ({state.Signature}); this one is {signature}. Delete it or choose another CheckpointPath.");
        if (AtomicFile.Sha256(path) != state.CurrentHash || AtomicFile.Sha256(BestPath(path)) != state.BestHash
            || AtomicFile.Sha256(OptimizerPath(path)) != state.OptimizerHash || AtomicFile.Sha256(GeneratorsPath(path)) != state.GeneratorsHash) return null;
        var states = ReadGenerators(GeneratorsPath(path));
        if (states.Count != generators.Count)
            throw new ModelFileException(GeneratorsPath(path), $"the checkpoint holds {states.Count} random generators; this training draws from {generators.Count}.");
        ParameterSnapshot.ReadValues(trained, path);
        best.Read(BestPath(path));
        optimizer.load_state_dict(OptimizerPath(path));
        for (int i = 0; i < generators.Count; i++)
        {
            using var bytes = tensor(states[i], dtype: ScalarType.Byte);
            generators[i].set_state(bytes);
        }
        return state;
    }

    private static void WriteGenerators(IReadOnlyList<Generator> generators, string file)
    {
        using var writer = new BinaryWriter(File.Create(file));
        writer.Write(generators.Count);
        foreach (var g in generators)
        {
            using var state = g.get_state();
            var bytes = state.data<byte>().ToArray();
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }
    }

    private static List<byte[]> ReadGenerators(string file)
    {
        using var reader = new BinaryReader(File.OpenRead(file));
        int count = reader.ReadInt32();
        var states = new List<byte[]>();
        for (int i = 0; i < count; i++) states.Add(reader.ReadBytes(reader.ReadInt32()));
        return states;
    }
}
