namespace FnfDsl.Training;

/// <summary>What a client of <see cref="TrainingRun"/> adds to its minibatch loop.</summary>
internal sealed record TrainingHooks
{
    /// <summary>The monitored loss after each epoch (held-out events, the full-data NLL); null monitors the epoch's mean training loss.</summary>
    public Func<double>? Evaluate { get; init; }

    /// <summary>Events <see cref="Evaluate"/> sees besides the training events (held out), for the checkpoint's signature.</summary>
    public long EvaluationEvents { get; init; }

    /// <summary>Called after every update, e.g. to project parameters back into their bounds.</summary>
    public Action? AfterUpdate { get; init; }
}
