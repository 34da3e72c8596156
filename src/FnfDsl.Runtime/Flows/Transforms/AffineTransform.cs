namespace FnfDsl.Flows;

/// <summary>Monotonic affine map z_i = y_i exp(s_i) + t_i with learnable s, t per dimension (see <see cref="MonotonicAffine"/>).</summary>
public sealed class AffineTransform : ElementwiseTransform
{
    /// <summary>An affine transform of dimension <paramref name="dim"/>, starting at the identity.</summary>
    public AffineTransform(int dim) : base(nameof(AffineTransform), new MonotonicAffine(), dim) { }
}
