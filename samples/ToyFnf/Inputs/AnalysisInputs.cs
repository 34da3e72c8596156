using FnfDsl.Analysis;
using FnfDsl.Likelihood;
using ToyFnf.Analysis;
using ToyFnf.Dataset;
using static TorchSharp.torch;

namespace ToyFnf.Inputs;

/// <summary>
/// The run's toy files as the runtime's inputs of <see cref="ToyAnalysis"/>: every file is checked against the
/// declaration (its columns, and for simulation its flavour label and nuisances from the manifest) before any
/// tensor is built, with errors that name the file, the column and the row.
/// </summary>
public sealed class AnalysisInputs
{
    private readonly ToyInputs _inputs;

    private AnalysisInputs(ToyInputs inputs) => _inputs = inputs;

    /// <summary>The columns every sample must hold for the declaration: its kinematic and feature columns (others are allowed).</summary>
    public static TableSchema DeclaredColumns { get; } = new(
        ToyAnalysis.Schema.KinematicColumns.Concat(ToyAnalysis.Schema.FeatureColumns).Select(c => new ColumnSpec(c)),
        allowExtraColumns: true);

    /// <summary>The inputs of the run folder <paramref name="outDir"/>.</summary>
    public static AnalysisInputs Open(string outDir) => new(ToyInputs.Open(outDir));

    /// <summary>The toy files underneath.</summary>
    public ToyInputs Files => _inputs;

    /// <summary>Reads and checks every file of the manifest (simulation: also its flavour labels), so that a bad input stops a run before any training.</summary>
    public void ValidateAll()
    {
        foreach (var file in _inputs.Manifest.Files)
        {
            if (file.Sample == ToySamples.DataName) Data();
            else Simulation(file.Sample);
        }
    }

    /// <summary>The nominal simulation of both flavours, as one sample at nu = 0.</summary>
    public SimulationSample Nominal() =>
        SimulationSample.Concat(_inputs.Manifest.Files.Where(f => f.Kind == "nominal").Select(f => Simulation(f.Sample)).ToList());

    /// <summary>Every variation sample, each event at the nu of its file's manifest entry.</summary>
    public SimulationSample Variations()
    {
        var files = _inputs.Manifest.Files.Where(f => f.Kind == "variation").ToList();
        if (files.Count == 0)
            throw new DataFileException(Path.Combine(_inputs.FolderPath, ToyManifest.FileName), "lists no variation samples: the FNF heads cannot be trained");
        return SimulationSample.Concat(files.Select(f => Simulation(f.Sample)).ToList());
    }

    /// <summary>The data events the fit sees (declared columns only).</summary>
    public EventData Data() => Events(Table(ToySamples.DataName, out string path), path);

    /// <summary>The data table with its truth columns, for plots and closure numbers (never for the fit).</summary>
    public EventTable DataWithTruth() => Table(ToySamples.DataName, out _);

    /// <summary>One simulation sample with its flavour index (checked against the file's flavour column) and its nu.</summary>
    public SimulationSample Simulation(string sample)
    {
        var table = Table(sample, out string path);
        var entry = Entry(sample);
        if (entry.Flavour is null || !Enum.TryParse(entry.Flavour, out ToyFlavour flavour))
            throw new DataFileException(path, $"the manifest gives sample '{sample}' no flavour of {string.Join(", ", ToyAnalysis.FlavourNames)}");
        int index = FlavourIndex(flavour);
        var labels = table.Ints(ToyColumns.Flavour);
        int bad = Array.FindIndex(labels, l => l != (int)flavour);
        if (bad >= 0)
            throw new DataFileException(path, $"holds a flavour-{labels[bad]} event, but the manifest lists '{sample}' as flavour {flavour} ({(int)flavour})", ToyColumns.Flavour, bad + 1);
        var nu = ToyNuisanceMap.Vector(entry.Nuisances);
        var events = Events(table, path);
        return new SimulationSample(events, full(table.RowCount, (long)index, dtype: ScalarType.Int64),
            tensor(nu, dtype: ToyRunSpec.Dtype).expand(table.RowCount, nu.Length).contiguous());
    }

    /// <summary>The index of a toy flavour among the declared flavours.</summary>
    public static int FlavourIndex(ToyFlavour flavour)
    {
        int index = ToyAnalysis.FlavourNames.ToList().IndexOf(flavour.ToString());
        return index >= 0 ? index : throw new ArgumentException($"Toy flavour {flavour} is not declared ({string.Join(", ", ToyAnalysis.FlavourNames)}).", nameof(flavour));
    }

    /// <summary>x [N, Dx] and y [N, Dy] of a table in the declaration's column order, in the run's dtype.</summary>
    public static EventData Events(EventTable table, string source)
    {
        ArgumentNullException.ThrowIfNull(table);
        DeclaredColumns.Check(table, source);
        var x = table.ToRowMajor([.. ToyAnalysis.Schema.KinematicColumns]);
        var y = table.ToRowMajor([.. ToyAnalysis.Schema.FeatureColumns]);
        return EventData.Create(
            tensor(x, [table.RowCount, ToyAnalysis.Schema.KinematicCount], ToyRunSpec.Dtype),
            tensor(y, [table.RowCount, ToyAnalysis.Schema.FeatureCount], ToyRunSpec.Dtype),
            source: source);
    }

    private EventTable Table(string sample, out string path)
    {
        path = Path.Combine(_inputs.FolderPath, Entry(sample).File);
        var table = _inputs.Read(sample);
        DeclaredColumns.Check(table, path);
        return table;
    }

    private ToyManifestFile Entry(string sample) =>
        _inputs.Manifest.Files.FirstOrDefault(f => f.Sample == sample)
        ?? throw new DataFileException(Path.Combine(_inputs.FolderPath, ToyManifest.FileName), $"no sample '{sample}' in the manifest");
}
