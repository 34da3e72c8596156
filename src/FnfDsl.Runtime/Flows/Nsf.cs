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

    /// <summary>The paper's conditional feature flow p_f(y | x): 2 layers, 30 bins, hidden 128x4 (method.md section 2).</summary>
    public static ConditionalFlow FeatureFlow(int dim, int contextDim, Transform? preprocessing = null) =>
        Create(dim, contextDim, layers: 2, bins: 30, hidden: new[] { 128, 128, 128, 128 }, preprocessing: preprocessing);

    /// <summary>The paper's kinematic flow p_f(x): 1 layer, 20 bins, hidden 64x3, context = flavour one-hot (method.md section 2).</summary>
    public static ConditionalFlow KinematicFlow(int dim, int contextDim, Transform? preprocessing = null) =>
        Create(dim, contextDim, layers: 1, bins: 20, hidden: new[] { 64, 64, 64 }, preprocessing: preprocessing);
}
