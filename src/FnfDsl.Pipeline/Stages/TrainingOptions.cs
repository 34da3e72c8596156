using FnfDsl.Analysis;
using FnfDsl.Training;
using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Progress;

namespace FnfDsl.Pipeline.Stages;

/// <summary>The runtime's training and fit options from a run's settings, reporting to a stage's progress.</summary>
public static class TrainingOptions
{
    /// <summary>AdamW training of <paramref name="settings"/> with a seed of the stage, reporting to <paramref name="progress"/>.</summary>
    public static TrainerOptions For(TrainingSettings settings, long seed, IProgress<StageProgress> progress)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new TrainerOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            LearningRate = settings.LearningRate,
            Seed = seed,
            Progress = progress.ForTrainer(),
        };
    }

    /// <summary>The step-1 global fit of <paramref name="settings"/>; with a checkpoint path a killed fit resumes from its last epoch.</summary>
    public static DoiFitOptions For(FitSettings settings, long seed, IProgress<StageProgress>? progress, string? checkpointPath = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new DoiFitOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            DoiLearningRate = settings.LearningRate,
            NuisanceLearningRate = settings.NuLearningRate,
            Seed = seed,
            CheckpointPath = checkpointPath,
            Progress = progress?.ForTrainer(),
        };
    }
}
