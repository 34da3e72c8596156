using System.Diagnostics;
using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Progress;

namespace FnfDsl.Pipeline.Stages;

/// <summary>Runs the registered stages in order and resumes instead of redoing: an up-to-date stage is skipped.</summary>
/// <remarks>
/// A stage is up to date when stages.json holds a record of it whose settings hash equals the hash of its current
/// fingerprint, whose upstream hash equals the output hash of the stage before it, and whose artifacts all exist
/// with the recorded content. Otherwise it runs: its record is removed first (so a failure never leaves a stale
/// "completed" record), and written again, with the hash of the new artifacts, once every artifact exists. A failing
/// stage stops the run and leaves the artifacts and records of earlier stages untouched. Because each record chains
/// to the output of the stage before it, rerunning a stage whose output changes makes every later stage rerun too.
/// </remarks>
public sealed class StageRunner
{
    private readonly IProgressDisplay _display;

    /// <summary>A runner of <paramref name="stages"/> (in execution order, unique names) showing progress on <paramref name="display"/>.</summary>
    public StageRunner(IReadOnlyList<IStage> stages, IProgressDisplay display)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(display);
        var duplicate = stages.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Two stages are called '{duplicate.Key}'.", nameof(stages));
        Stages = stages;
        _display = display;
    }

    /// <summary>The registered stages, in execution order.</summary>
    public IReadOnlyList<IStage> Stages { get; }

    /// <summary>
    /// Runs every stage up to and including <paramref name="target"/> (all stages when null). With
    /// <see cref="RunConfig.Force"/>, the target (every stage when null) reruns even if up to date.
    /// </summary>
    public IReadOnlyList<StageOutcome> Run(RunConfig config, string? target = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        int last = target is null ? Stages.Count - 1 : IndexOf(target);
        Directory.CreateDirectory(config.OutDir);
        for (int i = 0; i <= last; i++)
            if (Stages[i].SkipReason(config) is null) CheckArtifactPaths(Stages[i], config);
        var state = StageState.Load(config.OutDir);
        var outcomes = new List<StageOutcome>();
        string upstream = "";
        for (int i = 0; i <= last; i++)
        {
            var stage = Stages[i];
            if (stage.SkipReason(config) is { } skip)
            {
                // Not applicable: nothing runs or is recorded, and the chain passes through unchanged.
                _display.WriteLine($"[{stage.Name}] skipped: {skip}");
                outcomes.Add(new StageOutcome(stage.Name, Ran: false, skip, 0));
                state.Stages.Remove(stage.Name);
                state.Skipped[stage.Name] = skip;
                state.Save(config.OutDir);
                continue;
            }
            bool forced = config.Force && (target is null || i == last);
            var artifacts = stage.Artifacts(config);
            string settingsHash = ContentHash.Of(new { stage = stage.Name, fingerprint = stage.Fingerprint(config) });
            state.Stages.TryGetValue(stage.Name, out var record);
            string? staleReason = forced ? "forced" : StaleReason(config.OutDir, record, settingsHash, upstream, artifacts);
            if (staleReason is null)
            {
                _display.WriteLine($"[{stage.Name}] skipped: up to date (completed {record!.CompletedUtc:yyyy-MM-dd HH:mm:ss} UTC)");
                outcomes.Add(new StageOutcome(stage.Name, Ran: false, "up to date", record.Seconds));
                upstream = record.OutputHash;
                continue;
            }

            state.Stages.Remove(stage.Name);
            state.Skipped.Remove(stage.Name);
            state.Save(config.OutDir);
            _display.WriteLine($"[{stage.Name}] running: {staleReason}");
            var clock = Stopwatch.StartNew();
            try
            {
                _display.RunStage(stage.Name, sink => stage.Run(new StageContext(config, sink)));
            }
            catch (Exception e)
            {
                throw new StageFailedException(stage.Name, e);
            }
            var elapsed = clock.Elapsed;
            var missing = artifacts.Where(a => !File.Exists(ArtifactPath.Resolve(config.OutDir, a))).ToList();
            if (missing.Count > 0)
                throw new StageFailedException(stage.Name, new InvalidOperationException($"it finished without writing {string.Join(", ", missing)}."));

            string outputHash = ContentHash.OfFiles(config.OutDir, artifacts);
            state.Stages[stage.Name] = new StageRecord(settingsHash, upstream, outputHash, DateTimeOffset.UtcNow, elapsed.TotalSeconds, artifacts);
            state.Save(config.OutDir);
            _display.WriteLine($"[{stage.Name}] done in {ProgressText.Duration(elapsed)}");
            outcomes.Add(new StageOutcome(stage.Name, Ran: true, staleReason, elapsed.TotalSeconds));
            upstream = outputHash;
        }
        return outcomes;
    }

    private int IndexOf(string name)
    {
        for (int i = 0; i < Stages.Count; i++)
            if (Stages[i].Name == name) return i;
        throw new ArgumentException($"No stage called '{name}'; the stages are: {string.Join(", ", Stages.Select(s => s.Name))}.", nameof(name));
    }

    /// <summary>Rejects, before anything runs, a stage whose artifact paths are absolute, escape the run folder or repeat.</summary>
    private static void CheckArtifactPaths(IStage stage, RunConfig config)
    {
        var artifacts = stage.Artifacts(config);
        try
        {
            foreach (string artifact in artifacts) ArtifactPath.Resolve(config.OutDir, artifact);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Stage '{stage.Name}' lists a bad artifact: {e.Message}", e);
        }
        if (artifacts.Distinct(StringComparer.Ordinal).Count() != artifacts.Count)
            throw new ArgumentException($"Stage '{stage.Name}' lists the same artifact twice.");
    }

    /// <summary>Why the stage must run, or null when its record is still valid.</summary>
    private static string? StaleReason(string outDir, StageRecord? record, string settingsHash, string upstream, IReadOnlyList<string> artifacts)
    {
        if (record is null) return "no completed run recorded";
        if (record.SettingsHash != settingsHash) return "settings changed";
        if (record.UpstreamHash != upstream) return "an earlier stage's output changed";
        if (!record.Artifacts.SequenceEqual(artifacts, StringComparer.Ordinal)) return "its list of artifacts changed";
        string? missing = artifacts.FirstOrDefault(a => !File.Exists(ArtifactPath.Resolve(outDir, a)));
        if (missing is not null) return $"artifact {missing} is missing";
        if (ContentHash.OfFiles(outDir, artifacts) != record.OutputHash) return "its artifacts were modified";
        return null;
    }
}
