using ToyFnf.Dataset;

namespace ToyFnf.Analysis;

/// <summary>
/// The one place where the declaration's nuisance names (VariationX, ...) meet the toy files' names (variation_x, ...):
/// the manifest, --inject, results and scan files speak the toy's names, the model and the likelihood the declaration's.
/// </summary>
public static class ToyNuisanceMap
{
    /// <summary>(declared name, toy name) of every nuisance, in the declaration's vector order.</summary>
    public static IReadOnlyList<(string Declared, string Toy)> Pairs { get; } =
    [
        (nameof(ToyAnalysis.Nuisances.VariationX), ToyNuisances.VariationXName),
        (nameof(ToyAnalysis.Nuisances.VariationY), ToyNuisances.VariationYName),
        (nameof(ToyAnalysis.Nuisances.NormA), ToyNuisances.NormAName),
        (nameof(ToyAnalysis.Nuisances.NormB), ToyNuisances.NormBName),
    ];

    /// <summary>The toy names in the declaration's vector order.</summary>
    public static IReadOnlyList<string> ToyNames { get; } = Pairs.Select(p => p.Toy).ToArray();

    /// <summary>The toy name of the declared nuisance <paramref name="declared"/>.</summary>
    public static string ToToy(string declared) =>
        Pairs.FirstOrDefault(p => p.Declared == declared).Toy
        ?? throw new ArgumentException($"'{declared}' is not a nuisance of ToyAnalysis ({string.Join(", ", Pairs.Select(p => p.Declared))}).", nameof(declared));

    /// <summary>The declared name of the toy nuisance <paramref name="toy"/>.</summary>
    public static string ToDeclared(string toy) =>
        Pairs.FirstOrDefault(p => p.Toy == toy).Declared
        ?? throw new ArgumentException($"'{toy}' is not a toy nuisance ({string.Join(", ", ToyNames)}).", nameof(toy));

    /// <summary>The nuisance vector (declaration order) of toy values given by name; absent names are 0, unknown names an error.</summary>
    public static double[] Vector(IReadOnlyDictionary<string, double> toyValues)
    {
        ArgumentNullException.ThrowIfNull(toyValues);
        foreach (string name in toyValues.Keys) ToDeclared(name);
        return ToyNames.Select(n => toyValues.TryGetValue(n, out double v) ? v : 0.0).ToArray();
    }
}
