namespace FnfDsl.Pipeline.Stages;

/// <summary>What stages.json remembers of a completed stage: the hashes that decide a rerun, and its timing.</summary>
/// <param name="SettingsHash">Hash of the stage's fingerprint when it ran.</param>
/// <param name="UpstreamHash">Output hash of the stage before it when it ran ("" for the first stage).</param>
/// <param name="OutputHash">Hash of the names and contents of its artifacts when it finished.</param>
/// <param name="CompletedUtc">When it finished.</param>
/// <param name="Seconds">Wall time it took.</param>
/// <param name="Artifacts">Its artifacts, relative to the run folder.</param>
public sealed record StageRecord(
    string SettingsHash,
    string UpstreamHash,
    string OutputHash,
    DateTimeOffset CompletedUtc,
    double Seconds,
    IReadOnlyList<string> Artifacts);
