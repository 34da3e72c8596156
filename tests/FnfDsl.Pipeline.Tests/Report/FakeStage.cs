using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Stages;

namespace FnfDsl.Pipeline.Tests.Report;

/// <summary>A stage for runner tests: writes one text artifact whose content comes from <see cref="Content"/>, and counts its runs.</summary>
internal sealed class FakeStage(string name, string artifact) : IStage
{
    /// <summary>How many times <see cref="Run"/> was called.</summary>
    public int Runs { get; private set; }

    /// <summary>The configuration of the last run.</summary>
    public RunConfig? LastConfig { get; private set; }

    /// <summary>The settings the stage says its output depends on.</summary>
    public Func<RunConfig, object> Depends { get; set; } = config => new { config.Seed };

    /// <summary>What the artifact will hold.</summary>
    public Func<RunConfig, string> Content { get; set; } = config => $"seed {config.Seed}";

    /// <summary>When set, the run writes a partial artifact and then throws this.</summary>
    public Exception? Failure { get; set; }

    /// <summary>When false, the run "forgets" to write its artifact.</summary>
    public bool WritesArtifact { get; set; } = true;

    public string Name => name;

    public string Description => $"fake stage {name}; writes {artifact}";

    public IReadOnlyList<string> Artifacts(RunConfig config) => [artifact];

    public object Fingerprint(RunConfig config) => Depends(config);

    public void Run(StageContext context)
    {
        Runs++;
        LastConfig = context.Config;
        context.Log($"{name} running");
        if (Failure is not null)
        {
            File.WriteAllText(context.PathOf(artifact + ".partial"), "half");
            throw Failure;
        }
        if (WritesArtifact) FnfDsl.IO.AtomicFile.WriteAllText(context.PathOf(artifact), Content(context.Config));
    }
}
