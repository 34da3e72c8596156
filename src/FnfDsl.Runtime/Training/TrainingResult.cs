namespace FnfDsl.Training;

/// <summary>What <see cref="Trainer.Fit"/> did: loss history, the best epoch (whose parameters the module now holds) and NaN recoveries.</summary>
/// <param name="TrainLoss">Mean training loss per epoch run.</param>
/// <param name="ValidationLoss">Validation loss per epoch run (empty without a validation set).</param>
/// <param name="BestLoss">Lowest monitored loss: validation loss, or training loss without a validation set.</param>
/// <param name="BestEpoch">1-based epoch of <paramref name="BestLoss"/>; its parameters were restored into the module.</param>
/// <param name="EpochsRun">Epochs run (fewer than requested after early stopping).</param>
/// <param name="StoppedEarly">True if training stopped because the monitored loss stopped improving.</param>
/// <param name="NanRecoveries">Times a non-finite loss or gradient was rolled back.</param>
/// <param name="EpochsSinceBest">Epochs at the end that counted against the patience (at least the patience: the loss had stopped improving).</param>
public sealed record TrainingResult(
    IReadOnlyList<double> TrainLoss,
    IReadOnlyList<double> ValidationLoss,
    double BestLoss,
    int BestEpoch,
    int EpochsRun,
    bool StoppedEarly,
    int NanRecoveries,
    int EpochsSinceBest)
{
    /// <summary>Validation loss of the best epoch (NaN without a validation set).</summary>
    public double BestValidationLoss => BestEpoch > 0 && ValidationLoss.Count >= BestEpoch ? ValidationLoss[BestEpoch - 1] : double.NaN;
}
