using FnfDsl.Training;

namespace FnfDsl.Pipeline.Progress;

/// <summary>Connects runtime progress callbacks to a stage's progress display.</summary>
public static class ProgressExtensions
{
    /// <summary>A <see cref="TrainerOptions.Progress"/> callback that forwards every report to <paramref name="progress"/>.</summary>
    public static Action<TrainingProgress> ForTrainer(this IProgress<StageProgress> progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return report => progress.Report(StageProgress.From(report));
    }
}
