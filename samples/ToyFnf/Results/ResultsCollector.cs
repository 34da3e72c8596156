using ToyFnf.Configuration;
using ToyFnf.Stages;

namespace ToyFnf.Results;

/// <summary>Assembles <see cref="RunResults"/> from a run folder: the result sections, stages.json and the configuration.</summary>
public static class ResultsCollector
{
    /// <summary>The results of the run in <paramref name="config"/>.OutDir; <paramref name="ownArtifacts"/> (e.g. results.json itself) are listed too.</summary>
    public static RunResults Collect(RunConfig config, IEnumerable<string> ownArtifacts)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(ownArtifacts);
        var state = StageState.Load(config.OutDir);
        var records = state.Stages.OrderBy(s => s.Value.CompletedUtc).ToList();
        var timings = records.Select(s => new StageTiming(s.Key, s.Value.Seconds, s.Value.CompletedUtc)).ToList();
        var artifacts = records.SelectMany(s => s.Value.Artifacts).Concat(ownArtifacts).Distinct(StringComparer.Ordinal).ToList();
        return new RunResults(
            Mode: config.Settings.Mode,
            Settings: config.Settings,
            Seed: config.Seed,
            Fingerprint: RunFingerprint.Of(config),
            AnalysisFingerprint: Analysis.ToyAnalysis.Fingerprint,
            Injected: config.Injected,
            DataDir: config.DataDir,
            Versions: LibraryVersions.Current(),
            CreatedUtc: DateTimeOffset.UtcNow,
            Step1: ResultSections.ReadIfPresent<FitSummary>(config.OutDir, ResultSections.Step1),
            DoiClosure: ResultSections.ReadIfPresent<DoiClosureSummary>(config.OutDir, ResultSections.DoiClosure),
            AmortizedBoxes: ResultSections.ReadIfPresent<AmortizedBoxes>(config.OutDir, ResultSections.AmortizedBoxes),
            Step2: ResultSections.ReadIfPresent<FitSummary>(config.OutDir, ResultSections.Step2),
            Hessian: ResultSections.ReadIfPresent<HessianSummary>(config.OutDir, ResultSections.Hessian),
            Bootstrap: ResultSections.ReadIfPresent<BootstrapSummary>(config.OutDir, ResultSections.Bootstrap),
            Timings: timings,
            Artifacts: artifacts);
    }
}
