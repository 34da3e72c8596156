using FnfDsl.Flows;
using static TorchSharp.torch;

namespace FnfDsl.Training;

/// <summary>Settings of <see cref="Trainer.Fit"/>; defaults follow the paper (AdamW, batch 1024, 40 epochs).</summary>
public sealed record TrainerOptions
{
    /// <summary>Maximum number of passes over the training events.</summary>
    public int Epochs { get; init; } = 40;

    /// <summary>Events per optimisation step (batches larger than <see cref="ChunkSize"/> are evaluated in chunks).</summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>Peak AdamW learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>AdamW decoupled weight decay.</summary>
    public double WeightDecay { get; init; } = 0.0;

    /// <summary>Fraction of the events held out (chosen by the seed) to compute the validation loss after each epoch; 0 for none.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Stop after this many epochs without a new best monitored loss; null never stops early.</summary>
    public int? Patience { get; init; }

    /// <summary>An epoch counts as an improvement for the patience only if it beats the best monitored loss by more than this.</summary>
    public double MinImprovement { get; init; }

    /// <summary>
    /// Fraction of the epochs before which no epoch counts against the patience: while a decaying learning rate is still
    /// high, the epoch-to-epoch loss moves by more than any tolerance, and a pause there is noise, not convergence.
    /// </summary>
    public double PatienceStart { get; init; }

    /// <summary>Follow linear warm-up and cosine decay (<see cref="LearningRateSchedule"/>); false keeps the learning rate constant.</summary>
    public bool CosineDecay { get; init; } = true;

    /// <summary>Fraction of all steps spent in linear warm-up before the cosine decay.</summary>
    public double WarmupFraction { get; init; } = 0.05;

    /// <summary>
    /// With several parameter groups, step s of an epoch updates group s mod (groups) only (the others' gradients are
    /// zeroed; AdamW's momentum still moves them).
    /// </summary>
    public bool AlternateGroups { get; init; }

    /// <summary>Seed of the generator that splits and shuffles the events (seed the initialisation with torch.manual_seed).</summary>
    public long Seed { get; init; }

    /// <summary>Floating-point type of the module and the floating-point data columns during training.</summary>
    public ScalarType Dtype { get; init; } = ScalarType.Float32;

    /// <summary>Non-finite losses or gradients tolerated (each rolled back) before training gives up.</summary>
    public int MaxNanRecoveries { get; init; } = 5;

    /// <summary>Factor applied to the learning rate after each rollback.</summary>
    public double NanLrBackoff { get; init; } = 0.5;

    /// <summary>Clip the global gradient norm to this value; null does not clip.</summary>
    public double? GradClipNorm { get; init; }

    /// <summary>Events per chunk for forward/backward and validation passes.</summary>
    public int ChunkSize { get; init; } = Chunking.DefaultChunkSize;

    /// <summary>Called synchronously after every step and at the end of every epoch (e.g. to draw progress bars).</summary>
    public Action<TrainingProgress>? Progress { get; init; }

    /// <summary>
    /// Where to write an atomic checkpoint after every epoch, and to resume from if a consistent one of the same training
    /// exists (null: no checkpoints). A resumed run ends exactly where the uninterrupted one would have.
    /// </summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Throws if a setting is out of range.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be >= 1.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be >= 1.");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be positive and finite.");
        if (!(WeightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "WeightDecay must be >= 0.");
        if (!(ValidationFraction >= 0 && ValidationFraction < 1)) throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "ValidationFraction must be in [0, 1).");
        if (Patience is < 1) throw new ArgumentOutOfRangeException(nameof(Patience), Patience, "Patience must be >= 1 (or null).");
        if (double.IsNaN(MinImprovement)) throw new ArgumentOutOfRangeException(nameof(MinImprovement), MinImprovement, "MinImprovement must be a number.");
        if (!(PatienceStart >= 0 && PatienceStart <= 1)) throw new ArgumentOutOfRangeException(nameof(PatienceStart), PatienceStart, "PatienceStart must be in [0, 1].");
        if (!(WarmupFraction >= 0 && WarmupFraction <= 1)) throw new ArgumentOutOfRangeException(nameof(WarmupFraction), WarmupFraction, "WarmupFraction must be in [0, 1].");
        if (Dtype is not (ScalarType.Float32 or ScalarType.Float64)) throw new ArgumentOutOfRangeException(nameof(Dtype), Dtype, "Dtype must be Float32 or Float64.");
        if (MaxNanRecoveries < 0) throw new ArgumentOutOfRangeException(nameof(MaxNanRecoveries), MaxNanRecoveries, "MaxNanRecoveries must be >= 0.");
        if (!(NanLrBackoff > 0 && NanLrBackoff < 1)) throw new ArgumentOutOfRangeException(nameof(NanLrBackoff), NanLrBackoff, "NanLrBackoff must be in (0, 1).");
        if (GradClipNorm is { } clip && !(clip > 0)) throw new ArgumentOutOfRangeException(nameof(GradClipNorm), GradClipNorm, "GradClipNorm must be positive (or null).");
        if (ChunkSize < 1) throw new ArgumentOutOfRangeException(nameof(ChunkSize), ChunkSize, "ChunkSize must be >= 1.");
    }
}
