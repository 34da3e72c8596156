using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Progress;
using FnfDsl.Pipeline.Stages;
using ToyFnf.Analysis;
using ToyFnf.Toy;

namespace FnfDsl.Samples.Tests.Pipeline;

/// <summary>Run settings and helpers of the end-to-end tests of the toy sample.</summary>
internal static class TestRuns
{
    /// <summary>Tiny toy samples: every stage runs in seconds.</summary>
    public static SampleSizes TinySamples { get; } = new(NominalPerFlavour: 1_500, VariationPerShift: 600, DataPerFlavour: 800);

    /// <summary>The shared tiny settings (<see cref="FnfDsl.Testing.TestPresets.Tiny"/>).</summary>
    public static RunSettings Tiny => FnfDsl.Testing.TestPresets.Tiny;

    /// <summary>A configuration of the toy pipeline with generated inputs in <paramref name="outDir"/>; <paramref name="inject"/> is --inject's text.</summary>
    public static RunConfig Config(string outDir, RunSettings settings, int seed = 5, string? inject = null)
    {
        var options = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (inject is not null) options["inject"] = inject;
        string full = Path.GetFullPath(outDir);
        return new RunConfig(full, ToyAnalysis.Spec, ToyGenerateStage.ManifestPath(full), settings, seed, Force: false, options);
    }

    /// <summary>
    /// Runs the toy pipeline's stages up to <paramref name="target"/> (all when null). Progress and stage logs are
    /// discarded, or appended to the file named by the environment variable <see cref="LogVariable"/> (to study a failing run).
    /// </summary>
    public static IReadOnlyList<StageOutcome> Run(RunConfig config, string? target = null, SampleSizes? samples = null)
    {
        string? log = Environment.GetEnvironmentVariable(LogVariable);
        using var writer = string.IsNullOrEmpty(log) ? TextWriter.Null : new StreamWriter(log, append: true) { AutoFlush = true };
        return new StageRunner(ToyPipeline.Create(samples ?? TinySamples).Stages, new LineProgressDisplay(writer)).Run(config, target);
    }

    /// <summary>Appends <paramref name="line"/> to the log file of <see cref="LogVariable"/>, if one is named.</summary>
    public static void Note(string line)
    {
        string? log = Environment.GetEnvironmentVariable(LogVariable);
        if (!string.IsNullOrEmpty(log)) File.AppendAllText(log, line + Environment.NewLine);
    }

    /// <summary>Environment variable naming a file that receives the logs of test runs.</summary>
    public const string LogVariable = "FNFDSL_TEST_LOG";
}
