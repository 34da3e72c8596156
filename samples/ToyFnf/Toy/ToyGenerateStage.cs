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
public sealed class ToyGenerateStage : IStage
{
    /// <summary>Folder of the generated inputs inside the run folder.</summary>
    public const string Folder = "data";

    /// <summary>The generated manifest of a run folder.</summary>
    public static string ManifestPath(string outDir) => Path.Combine(outDir, Folder, InputManifest.FileName);

    /// <summary>The toy's nuisance names (as --inject and the generator speak them) and the declared ones.</summary>
    public static IReadOnlyDictionary<string, string> Declared { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ToyNuisances.VariationXName] = nameof(ToyAnalysis.Nuisances.VariationX),
        [ToyNuisances.VariationYName] = nameof(ToyAnalysis.Nuisances.VariationY),
        [ToyNuisances.NormAName] = nameof(ToyAnalysis.Nuisances.NormA),
        [ToyNuisances.NormBName] = nameof(ToyAnalysis.Nuisances.NormB),
    };

    /// <summary>Sample sizes of the quick preset (toy-dataset.md section 4).</summary>
    public static SampleSizes Quick { get; } = new(NominalPerFlavour: 20_000, VariationPerShift: 10_000, DataPerFlavour: 5_000);

    /// <summary>Sample sizes of the paper preset.</summary>
    public static SampleSizes Paper { get; } = new(NominalPerFlavour: 300_000, VariationPerShift: 100_000, DataPerFlavour: 50_000);

    /// <inheritdoc />
    public string Name => "generate";

    /// <inheritdoc />
    public string Description => "Generate the toy samples (nominal, variations, data) and their manifest data/inputs.json (skipped with --inputs).";

    /// <summary>The sample sizes of a run: the paper's with --paper, else the quick ones.</summary>
    public static SampleSizes SizesOf(RunConfig config) => config.Settings.Mode == RunSettings.PaperMode ? Paper : Quick;

    /// <summary>The toy dataset configuration of a run: its sample sizes, seed and injected nuisances (--inject).</summary>
    public static ToyConfig ToyConfigFor(RunConfig config)
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
        var written = ToySamples.Write(toy, folder);
        Manifest(written, Injected(context.Config)).Write(ManifestPath(context.Config.OutDir));
        context.Log($"wrote {written.Files.Count} samples ({written.Files.Sum(f => (long)f.Rows)} events) and {InputManifest.FileName} to {Folder}/");
    }

    /// <summary>The pipeline's manifest of a written toy dataset: nominal and variation files per flavour, the data, the expected yields and the injected truth.</summary>
    public static InputManifest Manifest(ToyManifest toy, IReadOnlyDictionary<string, double> injected)
    {
        ArgumentNullException.ThrowIfNull(toy);
        var flavours = new SortedDictionary<string, FlavourInputs>(StringComparer.Ordinal)
        {
            ["A"] = new([.. toy.Files.Where(f => f.Kind == "nominal" && f.Flavour == "A").Select(f => f.File)], toy.DataYieldA),
            ["B"] = new([.. toy.Files.Where(f => f.Kind == "nominal" && f.Flavour == "B").Select(f => f.File)], toy.DataYieldB),
        };
        var variations = toy.Files.Where(f => f.Kind == "variation")
            .Select(f => new VariationInput(f.File, f.Flavour!, f.Nuisances.Where(p => p.Value != 0).ToDictionary(p => Declared[p.Key], p => p.Value)))
            .ToList();
        var truth = Declared.ToDictionary(p => p.Value, p => injected.TryGetValue(p.Key, out double v) ? v : 0.0);
        return new InputManifest(flavours, variations, [.. toy.Files.Where(f => f.Kind == "data").Select(f => f.File)], Truth: truth);
    }
}
