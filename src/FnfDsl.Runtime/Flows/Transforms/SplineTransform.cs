namespace FnfDsl.Flows;

/// <summary>Elementwise rational-quadratic spline on [-B, B] with identity tails and learnable knots per dimension.</summary>
public sealed class SplineTransform : ElementwiseTransform
{
    /// <summary>A spline transform of dimension <paramref name="dim"/> with <paramref name="bins"/> bins, starting at the identity.</summary>
    public SplineTransform(int dim, int bins = 8, double bound = MonotonicSpline.DefaultBound)
        : base(nameof(SplineTransform), new MonotonicSpline(bins, bound), dim) { }
}
