using ToyFnf.Configuration;
using ToyFnf.Dataset;
using ToyFnf.Inputs;
using ToyFnf.Plots;

namespace ToyFnf.Stages;

/// <summary>
/// The first stage: writes the toy samples (nominal and variation simulation, distorted data) into data/, or copies
/// and validates those of --data-dir, and draws the data against the nominal simulation (figure a).
/// </summary>
public sealed class GenerateStage : IStage
{
    /// <summary>Number of x bins of the data-vs-simulation figure (equal data populations).</summary>
    public const int FigureXBins = 4;

    /// <inheritdoc />
    public string Name => "generate";

    /// <inheritdoc />
    public string Description => "Generate the toy samples (nominal, variations, data) or take them from --data-dir, and plot data vs simulation.";

    /// <summary>The toy dataset configuration of a run: its sample sizes, seed and injected nuisances.</summary>
    public static ToyConfig ToyConfigFor(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var sizes = config.Settings.Samples;
        return new ToyConfig
        {
            Seed = checked((ulong)config.Seed),
            NominalSize = sizes.NominalPerFlavour,
            VariationSize = sizes.VariationPerShift,
            DataYieldA = sizes.DataPerFlavour,
            DataYieldB = sizes.DataPerFlavour,
            InjectedNu = ToyNuisances.FromDictionary(config.Injected),
        };
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts(RunConfig config)
    {
        var files = config.DataDir is null
            ? ToySamples.Plan(ToyConfigFor(config)).Select(s => $"{ToyInputs.Folder}/{s.Name}{TableFile.Extension(TableFormat.Parquet)}").Prepend($"{ToyInputs.Folder}/{ToyManifest.FileName}").ToList()
            : ToyInputs.ArtifactsOf(ToyManifest.Read(config.DataDir));
        return [.. files, Figures.DataVsSimulation.PathFor()];
    }

    /// <inheritdoc />
    public object Fingerprint(RunConfig config)
    {
        if (config.DataDir is null) return new { Toy = ToyConfigFor(config), Format = TableFormat.Parquet };
        // Existing inputs: their content decides, so editing a file in --data-dir reruns everything after it.
        var manifest = ToyManifest.Read(config.DataDir);
        var files = manifest.Files.Select(f => f.File).Prepend(ToyManifest.FileName);
        return new { config.DataDir, Inputs = ContentHash.OfFiles(config.DataDir, files) };
    }

    /// <inheritdoc />
    public void Run(StageContext context)
    {
        string folder = context.PathOf(ToyInputs.Folder);
        Directory.CreateDirectory(folder);
        if (context.Config.DataDir is null)
        {
            var toy = ToyConfigFor(context.Config);
            context.Log($"generating the toy samples: {toy.NominalSize} nominal and {toy.VariationSize} per variation per flavour, " +
                        $"{toy.DataYieldA} + {toy.DataYieldB} expected data events, seed {toy.Seed}, injected {toy.InjectedNu}");
            var manifest = ToySamples.Write(toy, folder);
            context.Log($"wrote {manifest.Files.Count} samples ({manifest.Files.Sum(f => (long)f.Rows)} events) to {ToyInputs.Folder}/");
        }
        else
        {
            CopyInputs(context, context.Config.DataDir, folder);
        }

        var inputs = ToyInputs.Open(context.Config.OutDir);
        var data = ToyInputs.Columns(inputs.Data());
        DataVsSimulationPlot.Save(
            context.PathOf(Figures.DataVsSimulation.PathFor()),
            data,
            [
                new NamedEvents("nominal A", ToyInputs.Columns(inputs.Nominal(ToyFlavour.A))),
                new NamedEvents("nominal B", ToyInputs.Columns(inputs.Nominal(ToyFlavour.B))),
            ],
            Binning.QuantileEdges(data.X, FigureXBins));
    }

    /// <summary>Validates every file of the source manifest (schema and row count) and copies it, then the manifest, atomically.</summary>
    private static void CopyInputs(StageContext context, string source, string folder)
    {
        var manifest = ToyManifest.Read(source);
        context.Log($"using the {manifest.Files.Count} input files of {source} (seed {manifest.Seed}, injected {string.Join(", ", manifest.InjectedNu.Select(p => $"{p.Key}={p.Value}"))})");
        foreach (var file in manifest.Files)
        {
            ToyInputs.ReadFile(source, manifest, file.Sample);
            string from = Path.Combine(source, file.File);
            AtomicFile.Write(Path.Combine(folder, file.File), stream =>
            {
                using var input = File.OpenRead(from);
                input.CopyTo(stream);
            });
        }
        manifest.Write(folder);
    }
}
