namespace FnfDsl.Flows;

/// <summary>Neural spline flows (Durkan et al. 2019): autoregressive rational-quadratic splines from MADE conditioners.</summary>
public static class Nsf
{
    /// <summary>
    /// An NSF of <paramref name="layers"/> autoregressive spline layers with <paramref name="bins"/> bins on
    /// [-bound, bound] (identity outside), MADE hidden widths <paramref name="hidden"/>, and optional pre-processing.
    /// </summary>
    public static ConditionalFlow Create(int dim, int contextDim, int layers, int bins, IReadOnlyList<int> hidden,
        double bound = MonotonicSpline.DefaultBound, Transform? preprocessing = null) =>
        ConditionalFlow.Autoregressive(new MonotonicSpline(bins, bound), dim, contextDim, layers, hidden, preprocessing);

    /// <summary>The paper's conditional feature flow p_f(y | x) at <see cref="PaperDefaults"/>' sizes: 2 layers, 30 bins, hidden 128x4 (method.md section 2).</summary>
    public static ConditionalFlow FeatureFlow(int dim, int contextDim, Transform? preprocessing = null) =>
        Create(dim, contextDim, PaperDefaults.FeatureFlowLayers, PaperDefaults.FeatureFlowBins, PaperDefaults.FeatureFlowHidden, preprocessing: preprocessing);

    /// <summary>The paper's kinematic flow p_f(x) at <see cref="PaperDefaults"/>' sizes: 1 layer, 20 bins, hidden 64x3, context = flavour one-hot (method.md section 2).</summary>
    public static ConditionalFlow KinematicFlow(int dim, int contextDim, Transform? preprocessing = null) =>
        Create(dim, contextDim, PaperDefaults.KinematicFlowLayers, PaperDefaults.KinematicFlowBins, PaperDefaults.KinematicFlowHidden, preprocessing: preprocessing);
}
