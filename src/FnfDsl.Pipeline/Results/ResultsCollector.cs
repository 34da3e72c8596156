using System.Text.Json;
using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Inputs;
using FnfDsl.Pipeline.Stages;

namespace FnfDsl.Pipeline.Results;

/// <summary>Assembles <see cref="RunResults"/> from a run folder: the result sections, stages.json and the configuration.</summary>
public static class ResultsCollector
{
    /// <summary>The results of the run in <paramref name="config"/>.OutDir with the sections of <paramref name="extras"/>; <paramref name="ownArtifacts"/> (e.g. results.json itself) are listed too.</summary>
    public static RunResults Collect(RunConfig config, IReadOnlyList<ReportExtra> extras, IEnumerable<string> ownArtifacts)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(extras);
        ArgumentNullException.ThrowIfNull(ownArtifacts);
        var state = StageState.Load(config.OutDir);
        var records = state.Stages.OrderBy(s => s.Value.CompletedUtc).ToList();
        var timings = records.Select(s => new StageTiming(s.Key, s.Value.Seconds, s.Value.CompletedUtc)).ToList();
        var artifacts = records.SelectMany(s => s.Value.Artifacts).Concat(ownArtifacts).Distinct(StringComparer.Ordinal).ToList();
        var sections = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var extra in extras.Where(e => e.Section is not null))
        {
            var section = ResultSections.ReadIfPresent<JsonElement?>(config.OutDir, extra.Section!);
            if (section is { } value) sections[extra.Key] = value;
        }
        var (yields, truth) = AnalysisInputs.Summary(config.Analysis, config.InputsPath);
        return new RunResults(
            Analysis: config.Analysis.Name,
            Mode: config.Settings.Mode,
            Settings: config.Settings,
            Seed: config.Seed,
            Fingerprint: RunFingerprint.Of(config),
            AnalysisFingerprint: config.Analysis.Fingerprint,
            Inputs: config.InputsPath,
            Yields: new SortedDictionary<string, double>(yields.ToDictionary(), StringComparer.Ordinal),
            Truth: new SortedDictionary<string, double>(truth.ToDictionary(), StringComparer.Ordinal),
            Options: config.Options,
            Versions: LibraryVersions.Current(),
            CreatedUtc: DateTimeOffset.UtcNow,
            Step1: ResultSections.ReadIfPresent<FitSummary>(config.OutDir, ResultSections.Step1),
            AmortizedBoxes: ResultSections.ReadIfPresent<AmortizedBoxes>(config.OutDir, ResultSections.AmortizedBoxes),
            Step2: ResultSections.ReadIfPresent<FitSummary>(config.OutDir, ResultSections.Step2),
            Hessian: ResultSections.ReadIfPresent<HessianSummary>(config.OutDir, ResultSections.Hessian),
            Bootstrap: ResultSections.ReadIfPresent<BootstrapSummary>(config.OutDir, ResultSections.Bootstrap),
            Skipped: state.Skipped,
            Extras: sections,
            Timings: timings,
            Artifacts: artifacts);
    }
}
