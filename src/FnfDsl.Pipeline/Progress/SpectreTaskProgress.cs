using Spectre.Console;

namespace FnfDsl.Pipeline.Progress;

/// <summary>Adapts progress reports to one Spectre.Console task: the bar shows the fraction done, the description the losses.</summary>
public sealed class SpectreTaskProgress : IProgress<StageProgress>
{
    private readonly ProgressTask _task;
    private readonly string _label;

    /// <summary>Reports into <paramref name="task"/> (whose maximum must be 1), describing it as <paramref name="label"/> plus the losses.</summary>
    public SpectreTaskProgress(ProgressTask task, string label)
    {
        ArgumentNullException.ThrowIfNull(task);
        _task = task;
        _label = label;
    }

    /// <inheritdoc />
    public void Report(StageProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _task.Value = value.Fraction * _task.MaxValue;
        _task.Description = Markup.Escape($"{_label}  {ProgressText.Describe(value)}");
    }
}
