namespace FnfDsl.Pipeline.Progress;

/// <summary>Where a running stage reports: one tracker per long step, and log lines.</summary>
public interface IProgressSink
{
    /// <summary>A progress receiver for one long step called <paramref name="label"/> (e.g. "feature flow").</summary>
    IProgress<StageProgress> Track(string label);

    /// <summary>Writes one log line of the stage.</summary>
    void Log(string text);
}
