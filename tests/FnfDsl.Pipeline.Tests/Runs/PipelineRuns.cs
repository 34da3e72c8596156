using FnfDsl.Analysis;
using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Progress;
using FnfDsl.Pipeline.Stages;
using FnfDsl.Testing.Synthetic;
using TorchSharp;

namespace FnfDsl.Pipeline.Tests.Runs;

/// <summary>Runs of the standard pipeline on synthetic inputs of a declaration, at tiny sizes.</summary>
internal static class PipelineRuns
{
    /// <summary>Small synthetic samples: enough events per flavour for every figure's bins.</summary>
    public static SyntheticSizes Sizes { get; } = new(NominalPerFlavour: 1_200, VariationPerShift: 500, DataPerFlavour: 600);

    /// <summary>Writes synthetic inputs of <paramref name="spec"/> into <paramref name="root"/>/inputs and returns a tiny configuration running in <paramref name="root"/>/run.</summary>
    public static RunConfig Prepare(AnalysisSpec spec, string root, IReadOnlyDictionary<string, double>? truth = null, string extension = ".parquet", ulong seed = 7)
    {
        string manifest = SyntheticInputs.Write(spec, Path.Combine(root, "inputs"), Sizes, seed, truth, extension);
        return new RunConfig(Path.Combine(root, "run"), spec, manifest, FnfDsl.Testing.TestPresets.Tiny, Seed: 5, Force: false,
            new SortedDictionary<string, string>(StringComparer.Ordinal));
    }

    /// <summary>Runs the standard stages of <paramref name="config"/>'s analysis up to <paramref name="target"/> (all when null), logs discarded.</summary>
    public static IReadOnlyList<StageOutcome> Run(RunConfig config, string? target = null, IProgressDisplay? display = null)
    {
        torch.set_num_threads(1);
        return new StageRunner(new AnalysisPipeline(config.Analysis).Stages, display ?? new LineProgressDisplay(TextWriter.Null)).Run(config, target);
    }
}
