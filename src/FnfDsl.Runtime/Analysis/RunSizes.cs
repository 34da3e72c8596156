using FnfDsl.IO;

namespace FnfDsl.Analysis;

/// <summary>
/// The sizes of one run, which the declaration leaves to the run: expected yields and network sizes. Null members keep
/// the declaration's. <see cref="AnalysisModel"/> applies them to the declared spec (never rewriting the declaration or
/// its fingerprint), and saved models record them, so that a model is never loaded at other sizes than it was trained at.
/// </summary>
public sealed record RunSizes
{
    /// <summary>Expected yields N_f^0 by flavour name (e.g. the run's expected data per flavour); flavours not named keep the declared yield.</summary>
    public IReadOnlyDictionary<string, double>? Yields { get; init; }

    /// <summary>Sizes of the nominal feature flows p_f(y | x).</summary>
    public FlowSizes? FeatureFlow { get; init; }

    /// <summary>Sizes of the nominal kinematic flows p_f(x).</summary>
    public FlowSizes? KinematicFlow { get; init; }

    /// <summary>Sizes of the Distribution of Interest T (only for an analysis that declares one).</summary>
    public FlowSizes? Doi { get; init; }

    /// <summary>Hidden sizes of every shape nuisance's FNF head.</summary>
    public int[]? HeadHidden { get; init; }

    /// <summary>Hidden sizes of the amortized residual's heads; <see cref="AnalysisModelOptions.ResidualHidden"/> when null.</summary>
    public int[]? ResidualHidden { get; init; }

    /// <summary>The declaration's spec at these sizes; the fingerprint stays the declaration's. Throws on an unknown flavour or an invalid size.</summary>
    public AnalysisSpec Apply(AnalysisSpec declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        foreach (var (name, yield) in Yields ?? new Dictionary<string, double>())
        {
            if (declaration.Flavours.All(f => f.Name != name))
                throw new ArgumentException($"Run sizes give a yield for '{name}', which is not a flavour of '{declaration.Name}' ({string.Join(", ", declaration.Flavours.Select(f => f.Name))}).", nameof(declaration));
            if (!(yield > 0) || double.IsInfinity(yield))
                throw new ArgumentException($"Run sizes: the yield of flavour '{name}' must be positive and finite, not {yield}.", nameof(declaration));
        }
        Check("feature flow", FeatureFlow);
        Check("kinematic flow", KinematicFlow);
        Check("DoI", Doi);
        CheckHidden("FNF heads", HeadHidden);
        CheckHidden("residual heads", ResidualHidden);
        if (Doi is not null && declaration.Doi is null)
            throw new ArgumentException($"Run sizes set DoI sizes, but '{declaration.Name}' declares no Distribution of Interest.", nameof(declaration));
        return declaration with
        {
            Flavours = declaration.Flavours.Select(f => Yields is not null && Yields.TryGetValue(f.Name, out double y) ? f with { Yield = y } : f).ToArray(),
            ShapeNuisances = HeadHidden is null ? declaration.ShapeNuisances : declaration.ShapeNuisances.Select(s => s with { HeadHidden = HeadHidden.ToArray() }).ToArray(),
            FeatureFlow = FeatureFlow ?? declaration.FeatureFlow,
            KinematicFlow = KinematicFlow ?? declaration.KinematicFlow,
            Doi = Doi is null || declaration.Doi is null ? declaration.Doi : declaration.Doi with { Layers = Doi.Layers, Bins = Doi.Bins, Hidden = Doi.Hidden.ToArray() },
        };
    }

    /// <summary>The sizes a model of <paramref name="spec"/> (already sized) records in its metadata: yields, flows, DoI, heads, residual.</summary>
    public static IReadOnlyDictionary<string, string> Record(AnalysisSpec spec, IReadOnlyList<int> residualHidden)
    {
        var entries = new List<(string, object)>();
        entries.AddRange(spec.Flavours.Select(f => ($"yield.{f.Name}", (object)f.Yield)));
        entries.Add(("feature_flow", Text(spec.FeatureFlow)));
        entries.Add(("kinematic_flow", Text(spec.KinematicFlow)));
        entries.Add(("doi", spec.Doi is { } d ? Text(new FlowSizes(d.Layers, d.Bins, d.Hidden ?? PaperDefaults.DoiHidden)) : "none"));
        entries.AddRange(spec.ShapeNuisances.Select(s => ($"head.{s.Name}", (object)s.HeadHidden)));
        entries.Add(("residual", spec.Doi is null ? "none" : residualHidden));
        return ModelMetadata.ArchitectureOf(entries.ToArray());
    }

    private static string Text(FlowSizes sizes) => $"{sizes.Layers}L{sizes.Bins}B{string.Join("x", sizes.Hidden)}";

    private static void Check(string what, FlowSizes? sizes)
    {
        if (sizes is null) return;
        if (sizes.Layers < 1) throw new ArgumentException($"Run sizes: the {what} needs at least 1 layer, not {sizes.Layers}.");
        if (sizes.Bins < 2) throw new ArgumentException($"Run sizes: the {what} needs at least 2 bins, not {sizes.Bins}.");
        CheckHidden(what, sizes.Hidden);
    }

    private static void CheckHidden(string what, int[]? hidden)
    {
        if (hidden is null) return;
        if (hidden.Length == 0 || hidden.Any(h => h < 1))
            throw new ArgumentException($"Run sizes: the {what} need at least one hidden layer, each of positive width, not [{string.Join(", ", hidden)}].");
    }
}
