using System.Globalization;

namespace FnfDsl.Testing.Toy;

/// <summary>The toy's nuisance parameters in units of their prior width (0 = nominal, +-1 = one sigma).</summary>
/// <param name="VariationX">Kinematic scale: x = u * (1 + 0.05 nu_x).</param>
/// <param name="VariationY">Feature scale: the y1-mean amplitude is multiplied by (1 + 0.10 nu_y).</param>
/// <param name="NormA">Log-normal rate of flavour A: yield * 1.10^nu.</param>
/// <param name="NormB">Log-normal rate of flavour B: yield * 1.10^nu.</param>
public readonly record struct ToyNuisances(double VariationX = 0, double VariationY = 0, double NormA = 0, double NormB = 0)
{
    /// <summary>Name of the kinematic-scale shape nuisance.</summary>
    public const string VariationXName = "variation_x";

    /// <summary>Name of the feature-scale shape nuisance.</summary>
    public const string VariationYName = "variation_y";

    /// <summary>Name of flavour A's rate nuisance.</summary>
    public const string NormAName = "norm_A";

    /// <summary>Name of flavour B's rate nuisance.</summary>
    public const string NormBName = "norm_B";

    /// <summary>All nuisance names in the toy's order: shape nuisances, then rate nuisances.</summary>
    public static IReadOnlyList<string> Names { get; } = [VariationXName, VariationYName, NormAName, NormBName];

    /// <summary>The shape nuisances, which get variation samples.</summary>
    public static IReadOnlyList<string> ShapeNames { get; } = [VariationXName, VariationYName];

    /// <summary>Every nuisance at 0.</summary>
    public static ToyNuisances Nominal => default;

    /// <summary>The value of the nuisance called <paramref name="name"/>.</summary>
    public double this[string name] => name switch
    {
        VariationXName => VariationX,
        VariationYName => VariationY,
        NormAName => NormA,
        NormBName => NormB,
        _ => throw UnknownName(name),
    };

    /// <summary>A copy with the nuisance <paramref name="name"/> set to <paramref name="value"/>.</summary>
    public ToyNuisances With(string name, double value) => name switch
    {
        VariationXName => this with { VariationX = value },
        VariationYName => this with { VariationY = value },
        NormAName => this with { NormA = value },
        NormBName => this with { NormB = value },
        _ => throw UnknownName(name),
    };

    /// <summary>The rate nuisance of flavour <paramref name="flavour"/>.</summary>
    public double Norm(ToyFlavour flavour) => flavour == ToyFlavour.A ? NormA : NormB;

    /// <summary>Name to value, in <see cref="Names"/> order.</summary>
    public IReadOnlyDictionary<string, double> ToDictionary()
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string name in Names) result[name] = this[name];
        return result;
    }

    /// <summary>Builds the values from a name to value map; absent names are 0, unknown names are an error.</summary>
    public static ToyNuisances FromDictionary(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var nu = Nominal;
        foreach (var (name, value) in values) nu = nu.With(name, value);
        return nu;
    }

    /// <summary>"variation_x=1, variation_y=0, ..." in invariant culture.</summary>
    public override string ToString() =>
        string.Join(", ", ToDictionary().Select(p => p.Key + "=" + p.Value.ToString("R", CultureInfo.InvariantCulture)));

    private static ArgumentException UnknownName(string name) =>
        new($"Unknown toy nuisance '{name}'; known: {string.Join(", ", Names)}.", nameof(name));
}
