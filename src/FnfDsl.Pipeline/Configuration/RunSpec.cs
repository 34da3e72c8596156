using FnfDsl.Analysis;
using TorchSharp;

namespace FnfDsl.Pipeline.Configuration;

/// <summary>
/// The declared analysis at a run's sizes: the expected yields of the input manifest and the networks of the settings
/// (null sizes keep the declaration's), as the model's typed <see cref="RunSizes"/>. The declaration is never rewritten;
/// saved models record the sizes next to its fingerprint, and a model is loaded only at the sizes it was trained at.
/// </summary>
public static class RunSpec
{
    /// <summary>Floating-point type of every network and event tensor of a run.</summary>
    /// <remarks>The profiled NLL is compared at the 0.01 level over 10^4 events and differentiated twice; float32 rounding is larger than that.</remarks>
    public const torch.ScalarType Dtype = torch.ScalarType.Float64;

    /// <summary>The run sizes of <paramref name="declared"/> with <paramref name="settings"/> and the manifest's <paramref name="yields"/> (null network sizes keep the declaration's).</summary>
    public static RunSizes Sizes(AnalysisSpec declared, RunSettings settings, IReadOnlyDictionary<string, double> yields)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(yields);
        // AnalysisModel builds one FNF layer per map; a preset asking for more would silently be ignored.
        if ((settings.FnfHeads?.Layers ?? 1) != 1 || settings.ResidualHeads.Layers != 1)
            throw new ArgumentException($"FNF heads have one layer in this runtime; the settings ask for {settings.FnfHeads?.Layers} (inputs) and {settings.ResidualHeads.Layers} (residual).", nameof(settings));
        return new RunSizes
        {
            // The extended likelihood compares N(nu) with the observed count: the yields are the run's expected data.
            Yields = new SortedDictionary<string, double>(yields.ToDictionary(), StringComparer.Ordinal),
            FeatureFlow = settings.FeatureFlow is { } feature ? Flow(feature) : null,
            KinematicFlow = settings.KinematicFlow is { } kinematic ? Flow(kinematic) : null,
            Doi = declared.Doi is not null && settings.Doi is { } doi ? Flow(doi) : null,
            HeadHidden = settings.FnfHeads is { } heads ? Hidden(heads.HiddenWidth, heads.HiddenDepth) : null,
            ResidualHidden = Hidden(settings.ResidualHeads.HiddenWidth, settings.ResidualHeads.HiddenDepth),
        };
    }

    /// <summary>The spec of a run: the declaration at the run's <see cref="Sizes"/>; the fingerprint stays the declaration's.</summary>
    public static AnalysisSpec For(AnalysisSpec declared, RunSettings settings, IReadOnlyDictionary<string, double> yields) =>
        Sizes(declared, settings, yields).Apply(declared);

    /// <summary>Run-time model options: float64 networks, the run's seed and sizes (recorded in every saved model and checked on load).</summary>
    public static AnalysisModelOptions Options(AnalysisSpec declared, RunSettings settings, IReadOnlyDictionary<string, double> yields, int seed) =>
        new()
        {
            Dtype = Dtype,
            Seed = seed,
            Sizes = Sizes(declared, settings, yields),
        };

    /// <summary>Everything the saved model's architecture depends on, for the stages' fingerprints.</summary>
    public static object Architecture(RunConfig config, IReadOnlyDictionary<string, double> yields)
    {
        ArgumentNullException.ThrowIfNull(config);
        var s = config.Settings;
        return new
        {
            Declaration = config.Analysis.Fingerprint,
            Yields = new SortedDictionary<string, double>(yields.ToDictionary(), StringComparer.Ordinal),
            s.FeatureFlow,
            s.KinematicFlow,
            s.FnfHeads,
            s.Doi,
            s.ResidualHeads,
        };
    }

    private static FlowSizes Flow(FlowSettings flow) => new(flow.Layers, flow.Bins, Hidden(flow.HiddenWidth, flow.HiddenDepth));

    private static int[] Hidden(int width, int depth) => Enumerable.Repeat(width, depth).ToArray();
}
