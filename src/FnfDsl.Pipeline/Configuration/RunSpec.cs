using FnfDsl.Analysis;
using TorchSharp;

namespace FnfDsl.Pipeline.Configuration;

/// <summary>
/// The declared analysis at a run's sizes: the expected yields of the input manifest and the networks of the settings
/// (null sizes keep the declaration's). The fingerprint stays the declaration's; saved models record the sizes.
/// </summary>
public static class RunSpec
{
    /// <summary>Floating-point type of every network and event tensor of a run.</summary>
    /// <remarks>The profiled NLL is compared at the 0.01 level over 10^4 events and differentiated twice; float32 rounding is larger than that.</remarks>
    public const torch.ScalarType Dtype = torch.ScalarType.Float64;

    /// <summary>The runtime spec of a run of <paramref name="declared"/> with <paramref name="settings"/> and the manifest's <paramref name="yields"/>.</summary>
    public static AnalysisSpec For(AnalysisSpec declared, RunSettings settings, IReadOnlyDictionary<string, double> yields)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(yields);
        // AnalysisModel builds one FNF layer per map; a preset asking for more would silently be ignored.
        if ((settings.FnfHeads?.Layers ?? 1) != 1 || settings.ResidualHeads.Layers != 1)
            throw new ArgumentException($"FNF heads have one layer in this runtime; the settings ask for {settings.FnfHeads?.Layers} (inputs) and {settings.ResidualHeads.Layers} (residual).", nameof(settings));
        return declared with
        {
            // The extended likelihood compares N(nu) with the observed count: the yields are the run's expected data.
            Flavours = declared.Flavours.Select(f => yields.TryGetValue(f.Name, out double y) ? f with { Yield = y } : f).ToArray(),
            ShapeNuisances = settings.FnfHeads is { } heads
                ? declared.ShapeNuisances.Select(s => s with { HeadHidden = Hidden(heads.HiddenWidth, heads.HiddenDepth) }).ToArray()
                : declared.ShapeNuisances,
            FeatureFlow = settings.FeatureFlow is { } feature ? Sizes(feature) : declared.FeatureFlow,
            KinematicFlow = settings.KinematicFlow is { } kinematic ? Sizes(kinematic) : declared.KinematicFlow,
            Doi = declared.Doi is { } doi && settings.Doi is { } d
                ? doi with { Layers = d.Layers, Bins = d.Bins, Hidden = Hidden(d.HiddenWidth, d.HiddenDepth) }
                : declared.Doi,
        };
    }

    /// <summary>Run-time model options: float64 networks, the run's seed and the residual heads' sizes.</summary>
    public static AnalysisModelOptions Options(RunSettings settings, int seed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new AnalysisModelOptions
        {
            Dtype = Dtype,
            Seed = seed,
            ResidualHidden = Hidden(settings.ResidualHeads.HiddenWidth, settings.ResidualHeads.HiddenDepth),
        };
    }

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

    private static FlowSizes Sizes(FlowSettings flow) => new(flow.Layers, flow.Bins, Hidden(flow.HiddenWidth, flow.HiddenDepth));

    private static int[] Hidden(int width, int depth) => Enumerable.Repeat(width, depth).ToArray();
}
