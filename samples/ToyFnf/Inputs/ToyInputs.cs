using ToyFnf.Dataset;
using ToyFnf.Plots;
using ToyFnf.Stages;

namespace ToyFnf.Inputs;

/// <summary>The toy input files of a run (the run folder's data/ with its manifest.json): what later stages read their samples from.</summary>
public sealed class ToyInputs
{
    /// <summary>Folder of the input files inside the run folder.</summary>
    public const string Folder = "data";

    private ToyInputs(string folderPath, ToyManifest manifest)
    {
        FolderPath = folderPath;
        Manifest = manifest;
    }

    /// <summary>Full path of the input folder.</summary>
    public string FolderPath { get; }

    /// <summary>The manifest: sizes, seed, injected nuisances and every file.</summary>
    public ToyManifest Manifest { get; }

    /// <summary>The inputs of the run folder <paramref name="outDir"/>; a missing or malformed manifest is a <see cref="DataFileException"/>.</summary>
    public static ToyInputs Open(string outDir)
    {
        string folder = ArtifactPath.Resolve(outDir, Folder);
        return new ToyInputs(folder, ToyManifest.Read(folder));
    }

    /// <summary>The artifact paths (relative to the run folder) of the manifest and every file it lists.</summary>
    public static IReadOnlyList<string> ArtifactsOf(ToyManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return [$"{Folder}/{ToyManifest.FileName}", .. manifest.Files.Select(f => $"{Folder}/{f.File}")];
    }

    /// <summary>The sample called <paramref name="sample"/> (e.g. "nominal_A", "variation_x_up_B", "data"), checked against its schema and its manifest row count.</summary>
    public EventTable Read(string sample) => ReadFile(FolderPath, Manifest, sample);

    /// <summary>The nominal simulation of <paramref name="flavour"/>.</summary>
    public EventTable Nominal(ToyFlavour flavour) => Read(ToySamples.NominalName(flavour));

    /// <summary>The variation sample of <paramref name="nuisance"/> at <paramref name="shift"/> for <paramref name="flavour"/>.</summary>
    public EventTable Variation(string nuisance, double shift, ToyFlavour flavour) => Read(ToySamples.VariationName(nuisance, shift, flavour));

    /// <summary>The data sample (x, y1, y2 for the fit, then the truth columns).</summary>
    public EventTable Data() => Read(ToySamples.DataName);

    /// <summary>The x, y1, y2 columns of <paramref name="table"/> as plot input.</summary>
    public static EventColumns Columns(EventTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new EventColumns(table.Doubles(ToyColumns.X), table.Doubles(ToyColumns.Y1), table.Doubles(ToyColumns.Y2));
    }

    /// <summary>Reads the sample <paramref name="sample"/> listed in <paramref name="manifest"/> from <paramref name="folder"/>, with the checks of <see cref="Read"/>.</summary>
    public static EventTable ReadFile(string folder, ToyManifest manifest, string sample)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var entry = manifest.Files.FirstOrDefault(f => f.Sample == sample)
                    ?? throw new DataFileException(Path.Combine(folder, ToyManifest.FileName),
                        $"no sample '{sample}' in the manifest; it lists: {string.Join(", ", manifest.Files.Select(f => f.Sample))}");
        string path = Path.Combine(folder, entry.File);
        var table = TableFile.Read(path, entry.Kind == "data" ? ToyColumns.Data : ToyColumns.Simulation);
        if (table.RowCount != entry.Rows)
            throw new DataFileException(path, $"has {table.RowCount} rows but the manifest says {entry.Rows}");
        return table;
    }
}
