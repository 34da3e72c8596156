namespace FnfDsl.Pipeline.Progress;

/// <summary>Shows the progress of the stages of a run: live bars on a terminal, concise lines otherwise.</summary>
public interface IProgressDisplay
{
    /// <summary>Runs <paramref name="body"/> (the work of stage <paramref name="stageName"/>) while its progress is shown.</summary>
    void RunStage(string stageName, Action<IProgressSink> body);

    /// <summary>Writes one line outside any stage (a skipped stage, a summary).</summary>
    void WriteLine(string text);
}
