namespace FnfDsl.Pipeline.Results;

/// <summary>How long a stage took when it last ran.</summary>
/// <param name="Stage">Stage name.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="CompletedUtc">When it finished.</param>
public sealed record StageTiming(string Stage, double Seconds, DateTimeOffset CompletedUtc);
