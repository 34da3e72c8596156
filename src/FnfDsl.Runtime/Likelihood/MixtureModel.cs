using FnfDsl.Analysis;
using static TorchSharp.torch;

namespace FnfDsl.Likelihood;

/// <summary>The parameter side of the mixture (method.md section 1): flavours and nominal yields, POIs theta, nuisances nu, yield modifiers and constraint terms.</summary>
/// <remarks>N_f(theta, nu) = N_f^0 * product of the modifiers; C(nu) = sum of the constraint terms.</remarks>
public sealed class MixtureModel
{
    /// <summary>A model from its parts; when <paramref name="constraints"/> is null, Gaussian-prior nuisances get one Gaussian constraint and free ones none.</summary>
    public MixtureModel(IReadOnlyList<FlavourYield> flavours, IReadOnlyList<string> pois,
                        IReadOnlyList<NuisanceParameter> nuisances, IReadOnlyList<IYieldModifier> modifiers,
                        IReadOnlyList<IConstraintTerm>? constraints = null)
    {
        if (flavours.Count == 0) throw new ArgumentException("A mixture needs at least one flavour.", nameof(flavours));
        foreach (var f in flavours)
            if (!double.IsFinite(f.Yield) || f.Yield < 0)
                throw new ArgumentException($"Flavour '{f.Name}' has nominal yield {f.Yield}; yields must be finite and >= 0.", nameof(flavours));
        Flavours = flavours;
        Pois = pois;
        Nuisances = nuisances;
        Modifiers = modifiers;
        Constraints = constraints ?? [new GaussianConstraint(Enumerable.Range(0, nuisances.Count)
            .Where(k => nuisances[k].Prior == Prior.Gaussian).ToArray())];
        foreach (var m in Modifiers) m.CheckIndices(flavours.Count, pois.Count, nuisances.Count);
        foreach (var c in Constraints) c.CheckIndices(nuisances.Count);
    }

    /// <summary>The flavours with their nominal yields.</summary>
    public IReadOnlyList<FlavourYield> Flavours { get; }

    /// <summary>Names of the parameters of interest (theta order).</summary>
    public IReadOnlyList<string> Pois { get; }

    /// <summary>The nuisance parameters (nu order).</summary>
    public IReadOnlyList<NuisanceParameter> Nuisances { get; }

    /// <summary>The yield modifiers, applied in order.</summary>
    public IReadOnlyList<IYieldModifier> Modifiers { get; }

    /// <summary>The constraint terms summed into C(nu).</summary>
    public IReadOnlyList<IConstraintTerm> Constraints { get; }

    /// <summary>Number of flavours F.</summary>
    public int FlavourCount => Flavours.Count;

    /// <summary>Number of POIs P.</summary>
    public int PoiCount => Pois.Count;

    /// <summary>Number of nuisances K.</summary>
    public int NuisanceCount => Nuisances.Count;

    /// <summary>Expected yields N_f(theta, nu) [F], float64.</summary>
    public Tensor Yields(Tensor theta, Tensor nu)
    {
        using var scope = NewDisposeScope();
        Tensor yields = tensor(Flavours.Select(f => f.Yield).ToArray(), dtype: ScalarType.Float64);
        foreach (var m in Modifiers) yields = m.Apply(yields, theta, nu);
        return yields.MoveToOuterDisposeScope();
    }

    /// <summary>The constraint C(nu), float64 scalar.</summary>
    public Tensor Constraint(Tensor nu)
    {
        using var scope = NewDisposeScope();
        Tensor total = zeros([], dtype: ScalarType.Float64);
        foreach (var c in Constraints) total = total.add(c.Value(nu));
        return total.MoveToOuterDisposeScope();
    }

    /// <summary>The flavours a POI scales: its Scales, or, when it names none, the flavours marked IsSignal (at least one).</summary>
    public static string[] SignalDefault(AnalysisSpec spec, PoiSpec poi)
    {
        if (poi.Scales.Length > 0) return poi.Scales;
        var signal = spec.Flavours.Where(f => f.IsSignal).Select(f => f.Name).ToArray();
        return signal.Length > 0 || spec.Flavours.Any(f => f.ScaledBy == poi.Name) ? signal
            : throw new ArgumentException($"POI '{poi.Name}' names no flavour in Scales and no flavour is marked IsSignal: it would scale nothing.", nameof(spec));
    }

    /// <summary>The model of a declared analysis: nu = (shape nuisances, rate nuisances), a POI scale per POI, a log-normal rate per rate nuisance.</summary>
    public static MixtureModel FromSpec(AnalysisSpec spec)
    {
        var flavourIndex = spec.Flavours.Select((f, i) => (f.Name, i)).ToDictionary(p => p.Name, p => p.i);
        int Flavour(string name, string where) => flavourIndex.TryGetValue(name, out int i)
            ? i : throw new ArgumentException($"{where} names flavour '{name}', which the analysis does not declare.", nameof(spec));

        var modifiers = new List<IYieldModifier>();
        for (int p = 0; p < spec.Pois.Length; p++)
        {
            var poi = spec.Pois[p];
            var scales = SignalDefault(spec, poi);
            var scaled = scales.Select(f => Flavour(f, $"POI '{poi.Name}'"))
                .Concat(spec.Flavours.Select((f, i) => (f, i)).Where(t => t.f.ScaledBy == poi.Name).Select(t => t.i))
                .Distinct().Order().ToArray();
            if (scaled.Length > 0) modifiers.Add(new PoiScale(p, scaled));
        }
        foreach (var f in spec.Flavours)
            if (f.ScaledBy is not null && spec.Pois.All(p => p.Name != f.ScaledBy))
                throw new ArgumentException($"Flavour '{f.Name}' is scaled by '{f.ScaledBy}', which is not a declared POI.", nameof(spec));

        var nuisances = spec.ShapeNuisances.Select(s => new NuisanceParameter(s.Name, s.Prior))
            .Concat(spec.RateNuisances.Select(r => new NuisanceParameter(r.Name, r.Prior))).ToList();
        for (int r = 0; r < spec.RateNuisances.Length; r++)
        {
            var rate = spec.RateNuisances[r];
            modifiers.Add(new LogNormalRate(spec.ShapeNuisances.Length + r, Flavour(rate.Flavour, $"Rate nuisance '{rate.Name}'"),
                rate.KappaDown, rate.KappaUp));
        }
        return new MixtureModel(spec.Flavours.Select(f => new FlavourYield(f.Name, f.Yield)).ToList(),
            spec.Pois.Select(p => p.Name).ToList(), nuisances, modifiers);
    }
}
