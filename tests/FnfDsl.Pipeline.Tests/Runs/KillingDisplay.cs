using FnfDsl.Pipeline.Progress;

namespace FnfDsl.Pipeline.Tests.Runs;

/// <summary>A progress display that kills the run (throws) when stage <paramref name="stage"/> completes its <paramref name="epoch"/>-th epoch, counted over all its trainings.</summary>
internal sealed class KillingDisplay(string stage, int epoch) : IProgressDisplay
{
    private int _completed;

    /// <summary>Whether the kill happened.</summary>
    public bool Killed { get; private set; }

    public void RunStage(string stageName, Action<IProgressSink> body) => body(new Sink(this, stageName));

    public void WriteLine(string text)
    {
    }

    private sealed class Sink(KillingDisplay display, string stageName) : IProgressSink
    {
        public IProgress<StageProgress> Track(string label) => new Epochs(display, stageName);

        public void Log(string text)
        {
        }
    }

    private sealed class Epochs(KillingDisplay display, string stageName) : IProgress<StageProgress>
    {
        public void Report(StageProgress value)
        {
            if (stageName != display.Stage || !value.EpochCompleted) return;
            if (++display._completed == display.Epoch)
            {
                display.Killed = true;
                throw new OperationCanceledException($"killed in {stageName} at its epoch {display._completed}");
            }
        }
    }

    private string Stage => stage;

    private int Epoch => epoch;
}
