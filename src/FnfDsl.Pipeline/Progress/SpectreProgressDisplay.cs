using Spectre.Console;

namespace FnfDsl.Pipeline.Progress;

/// <summary>Live Spectre.Console progress bars on an interactive terminal: one bar per long step of the running stage.</summary>
public sealed class SpectreProgressDisplay : IProgressDisplay
{
    private readonly IAnsiConsole _console;

    /// <summary>A display that renders on <paramref name="console"/>.</summary>
    public SpectreProgressDisplay(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        _console = console;
    }

    /// <inheritdoc />
    public void RunStage(string stageName, Action<IProgressSink> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        _console.Progress()
            .AutoClear(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn())
            .Start(context =>
            {
                var sink = new Sink(context, _console, stageName);
                try
                {
                    body(sink);
                }
                finally
                {
                    // A training that stops early (patience) never reaches 100 %: stop its clock anyway.
                    foreach (var task in sink.Tasks) task.StopTask();
                }
            });
    }

    /// <inheritdoc />
    public void WriteLine(string text) => _console.WriteLine(text);

    private sealed class Sink(ProgressContext context, IAnsiConsole console, string stageName) : IProgressSink
    {
        public List<ProgressTask> Tasks { get; } = [];

        public IProgress<StageProgress> Track(string label)
        {
            var task = context.AddTask(Markup.Escape($"{stageName}: {label}"), autoStart: true, maxValue: 1.0);
            Tasks.Add(task);
            return new SpectreTaskProgress(task, $"{stageName}: {label}");
        }

        public void Log(string text) => console.WriteLine($"[{stageName}] {text}");
    }
}
