namespace FnfDsl.Training;

/// <summary>A progress report of <see cref="Trainer.Fit"/>, sent after every step and once more when an epoch ends.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Epochs requested.</param>
/// <param name="Step">1-based step within the epoch.</param>
/// <param name="StepsPerEpoch">Optimisation steps per epoch.</param>
/// <param name="TrainLoss">Mean training loss of the epoch so far.</param>
/// <param name="ValidationLoss">Latest validation loss (NaN before the first epoch ends or without a validation set).</param>
/// <param name="LearningRate">Learning rate of the latest step.</param>
/// <param name="EpochCompleted">True for the report at the end of an epoch, after validation.</param>
public readonly record struct TrainingProgress(
    int Epoch, int Epochs, int Step, int StepsPerEpoch, double TrainLoss, double ValidationLoss, double LearningRate, bool EpochCompleted);
