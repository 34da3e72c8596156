using FnfDsl.Training;

namespace FnfDsl.Pipeline.Progress;

/// <summary>One progress report of a long step: where a training (or a scan) is, and its current losses.</summary>
/// <param name="Epoch">Current epoch, 1-based.</param>
/// <param name="Epochs">Total epochs.</param>
/// <param name="Step">Steps done in the current epoch, 1-based.</param>
/// <param name="StepsPerEpoch">Steps per epoch (batches, or scan points of a one-epoch scan).</param>
/// <param name="TrainLoss">Mean training loss so far in this epoch, if known.</param>
/// <param name="ValLoss">Latest validation loss, if known.</param>
/// <param name="LearningRate">Current learning rate, if the step trains.</param>
/// <param name="EpochCompleted">True for the one report that closes an epoch (after validation): the line display prints it.</param>
public sealed record StageProgress(
    int Epoch,
    int Epochs,
    int Step,
    int StepsPerEpoch,
    double? TrainLoss = null,
    double? ValLoss = null,
    double? LearningRate = null,
    bool EpochCompleted = false)
{
    /// <summary>Fraction of the whole step done, in [0, 1].</summary>
    public double Fraction =>
        Epochs <= 0 || StepsPerEpoch <= 0
            ? 0
            : Math.Clamp(((Epoch - 1) * (double)StepsPerEpoch + Step) / ((double)Epochs * StepsPerEpoch), 0, 1);

    /// <summary>The report of a <see cref="Trainer"/> progress callback; a NaN loss (not known yet) becomes null.</summary>
    public static StageProgress From(TrainingProgress progress) => new(
        progress.Epoch,
        progress.Epochs,
        progress.Step,
        progress.StepsPerEpoch,
        double.IsNaN(progress.TrainLoss) ? null : progress.TrainLoss,
        double.IsNaN(progress.ValidationLoss) ? null : progress.ValidationLoss,
        progress.LearningRate,
        progress.EpochCompleted);
}
