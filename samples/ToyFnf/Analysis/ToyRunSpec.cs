using FnfDsl.Analysis;
using TorchSharp;
using ToyFnf.Configuration;

namespace ToyFnf.Analysis;

/// <summary>
/// The declared <see cref="ToyAnalysis"/> at a run's sizes: the expected yields follow the run's data size and the
/// networks its presets. The fingerprint stays the declaration's (saved models record the sizes in their metadata).
/// </summary>
public static class ToyRunSpec
{
    /// <summary>The runtime spec of a run with <paramref name="settings"/>.</summary>
    public static AnalysisSpec For(RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // AnalysisModel builds one FNF layer per map; a preset asking for more would silently be ignored.
        if (settings.FnfHeads.Layers != 1 || settings.ResidualHeads.Layers != 1)
            throw new ArgumentException($"FNF heads have one layer in this runtime; the settings ask for {settings.FnfHeads.Layers} (inputs) and {settings.ResidualHeads.Layers} (residual).", nameof(settings));
        var spec = ToyAnalysis.Spec;
        var heads = Hidden(settings.FnfHeads.HiddenWidth, settings.FnfHeads.HiddenDepth);
        return spec with
        {
            // The extended likelihood compares N(nu) with the observed count: the yields are the run's expected data.
            Flavours = spec.Flavours.Select(f => f with { Yield = settings.Samples.DataPerFlavour }).ToArray(),
            ShapeNuisances = spec.ShapeNuisances.Select(s => s with { HeadHidden = heads }).ToArray(),
            FeatureFlow = Sizes(settings.FeatureFlow),
            KinematicFlow = Sizes(settings.KinematicFlow),
            Doi = spec.Doi! with { Layers = settings.Doi.Layers, Bins = settings.Doi.Bins, Hidden = Hidden(settings.Doi.HiddenWidth, settings.Doi.HiddenDepth) },
        };
    }

    /// <summary>Floating-point type of every network and event tensor of a run.</summary>
    public const torch.ScalarType Dtype = torch.ScalarType.Float64;

    /// <summary>
    /// Run-time model options: float64 networks (the profiled NLL is compared at the 0.01 level over 10^4 events and
    /// differentiated twice; float32 rounding is larger than that), the run's seed and the residual heads' sizes.
    /// </summary>
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
    public static object Architecture(RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new
        {
            Declaration = ToyAnalysis.Fingerprint,
            settings.Samples.DataPerFlavour,
            settings.FeatureFlow,
            settings.KinematicFlow,
            settings.FnfHeads,
            settings.Doi,
            settings.ResidualHeads,
        };
    }

    private static FlowSizes Sizes(FlowSettings flow) => new(flow.Layers, flow.Bins, Hidden(flow.HiddenWidth, flow.HiddenDepth));

    private static int[] Hidden(int width, int depth) => Enumerable.Repeat(width, depth).ToArray();
}
