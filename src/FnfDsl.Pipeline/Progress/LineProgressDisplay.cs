using System.Diagnostics;

namespace FnfDsl.Pipeline.Progress;

/// <summary>Progress for redirected output (CI, logs): one concise line per finished epoch instead of live bars.</summary>
public sealed class LineProgressDisplay : IProgressDisplay
{
    private readonly TextWriter _writer;
    private readonly object _gate = new();

    /// <summary>A display that writes its lines to <paramref name="writer"/>.</summary>
    public LineProgressDisplay(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
    }

    /// <inheritdoc />
    public void RunStage(string stageName, Action<IProgressSink> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        body(new Sink(this, stageName));
    }

    /// <inheritdoc />
    public void WriteLine(string text)
    {
        lock (_gate)
        {
            _writer.WriteLine(text);
            _writer.Flush();
        }
    }

    private sealed class Sink(LineProgressDisplay display, string stageName) : IProgressSink
    {
        public IProgress<StageProgress> Track(string label) => new EpochLines(display, $"[{stageName}] {label}");

        public void Log(string text) => display.WriteLine($"[{stageName}] {text}");
    }

    /// <summary>Prints a line for each report that completes an epoch; a repeated identical report prints nothing.</summary>
    private sealed class EpochLines(LineProgressDisplay display, string prefix) : IProgress<StageProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private string? _lastLine;

        public void Report(StageProgress value)
        {
            ArgumentNullException.ThrowIfNull(value);
            if (!value.EpochCompleted) return;
            string line = $"{prefix}: {ProgressText.Describe(value)}";
            if (line == _lastLine) return;
            _lastLine = line;
            display.WriteLine($"{line}  ({ProgressText.Duration(_clock.Elapsed)})");
        }
    }
}
