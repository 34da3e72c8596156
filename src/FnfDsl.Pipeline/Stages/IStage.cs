using FnfDsl.Pipeline.Configuration;

namespace FnfDsl.Pipeline.Stages;

/// <summary>One step of the pipeline: a named piece of work that turns earlier artifacts into its own artifacts.</summary>
/// <remarks>
/// Contract with <see cref="StageRunner"/>: a stage writes every artifact it lists (files, paths relative to the run
/// folder, written atomically), reads only artifacts of earlier stages and the run configuration, and puts into
/// <see cref="Fingerprint"/> every setting its output depends on. The runner skips it when its fingerprint, the
/// outputs of the stage before it and its own artifacts are unchanged since it last completed.
/// </remarks>
public interface IStage
{
    /// <summary>Stage name: the CLI sub-command and the key in stages.json (e.g. "generate").</summary>
    string Name { get; }

    /// <summary>One line saying what the stage does, for --help and the report.</summary>
    string Description { get; }

    /// <summary>Files the stage produces, relative to the run folder with '/' separators.</summary>
    IReadOnlyList<string> Artifacts(RunConfig config);

    /// <summary>The settings the stage's output depends on (any JSON-serializable value); hashed to decide reruns.</summary>
    object Fingerprint(RunConfig config);

    /// <summary>Why the stage does not apply to this run (e.g. "the analysis declares no DoI"), or null when it does; a skipped stage writes nothing.</summary>
    string? SkipReason(RunConfig config) => null;

    /// <summary>Does the work and writes every artifact of <see cref="Artifacts"/>.</summary>
    void Run(StageContext context);
}
