using System.Text.Json;

namespace FnfDsl.Testing.Toy;

/// <summary>One file of a written toy dataset, as listed in its manifest.</summary>
public sealed record ToyManifestFile(string File, string Sample, string Kind, string? Flavour, IReadOnlyDictionary<string, double> Nuisances, ulong Seed, int Rows);

/// <summary>The JSON manifest of a written toy dataset: configuration, injected nuisances and every file with its row count.</summary>
public sealed record ToyManifest(
    ulong Seed,
    int NominalSize,
    int VariationSize,
    double DataYieldA,
    double DataYieldB,
    IReadOnlyList<double> VariationShifts,
    IReadOnlyDictionary<string, double> InjectedNu,
    bool DistortData,
    string Format,
    IReadOnlyList<ToyManifestFile> Files)
{
    /// <summary>The manifest's file name inside the dataset folder.</summary>
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes the manifest to <c>folder/manifest.json</c> atomically.</summary>
    public void Write(string folder) => AtomicFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json));

    /// <summary>Reads <c>folder/manifest.json</c>; a missing or malformed manifest gives a <see cref="DataFileException"/>.</summary>
    public static ToyManifest Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) throw new DataFileException(path, "file not found");
        try
        {
            return JsonSerializer.Deserialize<ToyManifest>(File.ReadAllText(path), Json)
                   ?? throw new DataFileException(path, "the manifest is empty (null)");
        }
        catch (JsonException e)
        {
            throw new DataFileException(path, $"not a valid toy manifest: {e.Message}", inner: e);
        }
    }
}
