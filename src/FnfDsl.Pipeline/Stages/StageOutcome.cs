namespace FnfDsl.Pipeline.Stages;

/// <summary>What the runner did with one stage in this invocation.</summary>
/// <param name="Stage">Stage name.</param>
/// <param name="Ran">True if it ran, false if it was skipped as up to date.</param>
/// <param name="Reason">Why it ran or was skipped ("up to date", "forced", "settings changed", ...).</param>
/// <param name="Seconds">Wall time of this run; for a skipped stage, the time recorded when it last ran.</param>
public sealed record StageOutcome(string Stage, bool Ran, string Reason, double Seconds);
