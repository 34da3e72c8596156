using System.Globalization;

namespace FnfDsl.Pipeline.Progress;

/// <summary>The short text of a progress report, shared by the live bars and the line display.</summary>
public static class ProgressText
{
    /// <summary>"epoch 3/10  train 1.2345  val 1.2501  lr 1.0e-03": only the parts the report knows.</summary>
    public static string Describe(StageProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var parts = new List<string> { $"epoch {progress.Epoch}/{progress.Epochs}" };
        if (!progress.EpochCompleted) parts.Add($"step {progress.Step}/{progress.StepsPerEpoch}");
        if (progress.TrainLoss is double train) parts.Add("train " + train.ToString("F4", CultureInfo.InvariantCulture));
        if (progress.ValLoss is double val) parts.Add("val " + val.ToString("F4", CultureInfo.InvariantCulture));
        if (progress.LearningRate is double lr) parts.Add("lr " + lr.ToString("0.0e+00", CultureInfo.InvariantCulture));
        return string.Join("  ", parts);
    }

    /// <summary>"12.3 s" below a minute, "4 min 05 s" above.</summary>
    public static string Duration(TimeSpan elapsed) =>
        elapsed.TotalSeconds < 60
            ? elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s"
            : $"{(int)elapsed.TotalMinutes} min {elapsed.Seconds:00} s";
}
