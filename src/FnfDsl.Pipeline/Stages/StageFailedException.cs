namespace FnfDsl.Pipeline.Stages;

/// <summary>A stage threw: names the stage, keeps the original exception as the inner one.</summary>
public sealed class StageFailedException : Exception
{
    /// <summary>Stage <paramref name="stage"/> failed with <paramref name="inner"/>.</summary>
    public StageFailedException(string stage, Exception inner)
        : base($"Stage '{stage}' failed: {inner.Message}", inner)
    {
        Stage = stage;
    }

    /// <summary>Name of the stage that failed.</summary>
    public string Stage { get; }
}
