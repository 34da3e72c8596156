using FnfDsl.Pipeline.Inputs;

namespace FnfDsl.Testing.Toy;

/// <summary>The toy dataset as a pipeline input: its samples written to a folder with the input manifest the pipeline reads.</summary>
/// <remarks>The manifest speaks the declaration's names of docs/toy-dataset.md (VariationX, VariationY, NormA, NormB; flavours A, B).</remarks>
public static class ToyInputs
{
    /// <summary>The toy's nuisance names (as the generator speaks them) and the declared ones.</summary>
    public static IReadOnlyDictionary<string, string> Declared { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ToyNuisances.VariationXName] = "VariationX",
        [ToyNuisances.VariationYName] = "VariationY",
        [ToyNuisances.NormAName] = "NormA",
        [ToyNuisances.NormBName] = "NormB",
    };

    /// <summary>Writes every sample of <paramref name="config"/> and the manifest into <paramref name="folder"/>; returns the manifest's path.</summary>
    public static string Write(ToyConfig config, string folder)
    {
        ArgumentNullException.ThrowIfNull(config);
        var written = ToySamples.Write(config, folder);
        string path = Path.Combine(folder, InputManifest.FileName);
        Manifest(written).Write(path);
        return path;
    }

    /// <summary>The pipeline's manifest of a written toy dataset: nominal and variation files per flavour, the data, the expected yields and the injected truth.</summary>
    public static InputManifest Manifest(ToyManifest toy)
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
        var truth = Declared.ToDictionary(p => p.Value, p => toy.InjectedNu.TryGetValue(p.Key, out double v) ? v : 0.0);
        return new InputManifest(flavours, variations, [.. toy.Files.Where(f => f.Kind == "data").Select(f => f.File)], Truth: truth);
    }
}
