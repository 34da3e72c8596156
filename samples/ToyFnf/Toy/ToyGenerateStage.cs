using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Inputs;
using FnfDsl.Pipeline.Stages;
using FnfDsl.Tables;
using FnfDsl.Testing.Toy;
using ToyFnf.Analysis;

namespace ToyFnf.Toy;

/// <summary>
/// The toy's extra first stage: writes the toy samples (nominal and variation simulation, distorted data) into data/ with
/// the input manifest data/inputs.json that the pipeline reads. Skipped when the run is given its inputs (--inputs).
/// </summary>
/// <param name="sizes">Fixed sample sizes (tests); null: the preset's (<see cref="Quick"/>, or <see cref="Paper"/> with --paper).</param>
public sealed class ToyGenerateStage(SampleSizes? sizes = null) : IStage
{
    /// <summary>Folder of the generated inputs inside the run folder.</summary>
    public const string Folder = "data";

    /// <summary>The generated manifest of a run folder.</summary>
    public static string ManifestPath(string outDir) => Path.Combine(outDir, Folder, InputManifest.FileName);

    /// <summary>Sample sizes of the quick preset (toy-dataset.md section 4).</summary>
    public static SampleSizes Quick { get; } = new(NominalPerFlavour: 20_000, VariationPerShift: 10_000, DataPerFlavour: 5_000);

    /// <summary>Sample sizes of the paper preset.</summary>
    public static SampleSizes Paper { get; } = new(NominalPerFlavour: 300_000, VariationPerShift: 100_000, DataPerFlavour: 50_000);

    /// <inheritdoc />
    public string Name => "generate";

    /// <inheritdoc />
    public string Description => "Generate the toy samples (nominal, variations, data) and their manifest data/inputs.json (skipped with --inputs).";

    /// <summary>The sample sizes of a run: the fixed ones, else the paper's with --paper, else the quick ones.</summary>
    public SampleSizes SizesOf(RunConfig config) => sizes ?? (config.Settings.Mode == RunSettings.PaperMode ? Paper : Quick);

    /// <summary>The toy dataset configuration of a run: its sample sizes, seed and injected nuisances (--inject).</summary>
    public ToyConfig ToyConfigFor(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var sizes = SizesOf(config);
        return new ToyConfig
        {
            Seed = checked((ulong)config.Seed),
            NominalSize = sizes.NominalPerFlavour,
            VariationSize = sizes.VariationPerShift,
            DataYieldA = sizes.DataPerFlavour,
            DataYieldB = sizes.DataPerFlavour,
            InjectedNu = ToyNuisances.FromDictionary(Injected(config)),
        };
    }

    /// <summary>The nuisances injected into the data (toy names), from --inject.</summary>
    public static SortedDictionary<string, double> Injected(RunConfig config) => InjectionParser.Parse(config.Option("inject") ?? "");

    /// <inheritdoc />
    public string? SkipReason(RunConfig config) =>
        config.InputsPath == ManifestPath(config.OutDir) ? null : "the run was given its inputs (--inputs)";

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts(RunConfig config) =>
        [.. ToySamples.Plan(ToyConfigFor(config)).Select(s => $"{Folder}/{s.Name}{TableFile.Extension(TableFormat.Parquet)}"), $"{Folder}/{InputManifest.FileName}"];

    /// <inheritdoc />
    public object Fingerprint(RunConfig config) => new { Toy = ToyConfigFor(config), Format = TableFormat.Parquet };

    /// <inheritdoc />
    public void Run(StageContext context)
    {
        string folder = context.PathOf(Folder);
        Directory.CreateDirectory(folder);
        var toy = ToyConfigFor(context.Config);
        context.Log($"generating the toy samples: {toy.NominalSize} nominal and {toy.VariationSize} per variation per flavour, " +
                    $"{toy.DataYieldA} + {toy.DataYieldB} expected data events, seed {toy.Seed}, injected {toy.InjectedNu}");
        ToyInputs.Write(toy, folder);
        context.Log($"wrote {ToySamples.Plan(toy).Count} samples and {InputManifest.FileName} to {Folder}/");
    }
}
