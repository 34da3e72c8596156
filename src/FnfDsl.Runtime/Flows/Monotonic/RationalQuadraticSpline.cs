using static TorchSharp.torch;

namespace FnfDsl.Flows;

/// <summary>
/// Monotonic rational-quadratic spline on [-B, B] with identity (linear) tails outside it
/// (Durkan, Bekasov, Murray, Papamakarios 2019, "Neural Spline Flows", eqs. 4-8).
/// </summary>
/// <remarks>
/// K bins with knots x_0 = -B &lt; ... &lt; x_K = B and y_0 = -B &lt; ... &lt; y_K = B; bin widths and heights are
/// softmax fractions floored at a minimum, knot derivatives are softplus + minimum, and the boundary
/// derivatives are 1 so the spline joins the identity tails smoothly. In bin k, with xi = (x - x_k) / w_k and
/// slope s_k = h_k / w_k:
/// <code>
/// y      = y_k + h_k [s_k xi^2 + d_k xi (1 - xi)] / [s_k + (d_k + d_k+1 - 2 s_k) xi (1 - xi)]
/// dy/dx  = s_k^2 [d_k+1 xi^2 + 2 s_k xi (1 - xi) + d_k (1 - xi)^2] / [s_k + (d_k + d_k+1 - 2 s_k) xi (1 - xi)]^2
/// </code>
/// Everything is vectorised over events and dimensions: widths and heights share one softmax and one cumulative
/// sum, the bin is found with one searchsorted, and the bin's knots and derivatives are read with two gathers,
/// so no other [.., K] tensor is built.
/// Shapes: x [N, D]; widths and heights [N, D, K]; derivatives [N, D, K - 1]; results [N, D].
/// </remarks>
public static class RationalQuadraticSpline
{
    /// <summary>Default smallest bin width, as a fraction of the interval 2B (Durkan et al.'s value).</summary>
    public const double DefaultMinBinWidth = 1e-3;

    /// <summary>Default smallest bin height, as a fraction of the interval 2B.</summary>
    public const double DefaultMinBinHeight = 1e-3;

    /// <summary>Default smallest derivative at an interior knot.</summary>
    public const double DefaultMinDerivative = 1e-3;

    /// <summary>The unnormalised derivative parameter whose knot derivative is exactly 1 (softplus^-1(1 - min)).</summary>
    public static double UnitDerivativeParameter(double minDerivative) => Math.Log(Math.Exp(1 - minDerivative) - 1);

    /// <summary>Throws if the spline settings cannot define a monotonic spline.</summary>
    public static void Validate(int bins, double bound, double minBinWidth, double minBinHeight, double minDerivative)
    {
        if (bins < 2) throw new ArgumentOutOfRangeException(nameof(bins), bins, "A spline needs at least 2 bins.");
        if (!(bound > 0) || double.IsInfinity(bound)) throw new ArgumentOutOfRangeException(nameof(bound), bound, "The spline bound B must be positive and finite.");
        if (!(minBinWidth >= 0) || minBinWidth * bins >= 1) throw new ArgumentOutOfRangeException(nameof(minBinWidth), minBinWidth, $"Need 0 <= minBinWidth < 1/bins = {1.0 / bins}.");
        if (!(minBinHeight >= 0) || minBinHeight * bins >= 1) throw new ArgumentOutOfRangeException(nameof(minBinHeight), minBinHeight, $"Need 0 <= minBinHeight < 1/bins = {1.0 / bins}.");
        if (!(minDerivative >= 0) || minDerivative >= 1) throw new ArgumentOutOfRangeException(nameof(minDerivative), minDerivative, "Need 0 <= minDerivative < 1.");
    }

    /// <summary>y = spline(x) and log dy/dx, elementwise; the identity with log-derivative 0 outside [-B, B].</summary>
    public static (Tensor Y, Tensor LogDerivative) Forward(Tensor x, Tensor widths, Tensor heights, Tensor derivatives,
        double bound, double minBinWidth = DefaultMinBinWidth, double minBinHeight = DefaultMinBinHeight, double minDerivative = DefaultMinDerivative)
    {
        CheckShapes(x, widths, heights, derivatives);
        using var scope = NewDisposeScope();
        var inside = x.abs().le(bound);
        var xc = x.clamp(-bound, bound).unsqueeze(-1);
        var cumulative = CumulativeFractions(widths, heights);
        var k = searchsorted(InteriorKnots(cumulative.select(-2, 0), bound, minBinWidth), xc, right: true);
        var bin = new Bin(cumulative, derivatives, k, bound, minBinWidth, minBinHeight, minDerivative);

        var xi = (xc - bin.X0) / bin.Width;
        var xiOneMinusXi = xi * (1 - xi);
        var denominator = bin.Slope + bin.DerivativeSumMinusTwoSlopes * xiOneMinusXi;
        var y = bin.Y0 + bin.Height * (bin.Slope * xi.square() + bin.D0 * xiOneMinusXi) / denominator;
        var logDerivative = LogDerivative(bin, xi, xiOneMinusXi, denominator);

        var z = where(inside, y.squeeze(-1), x);
        var logDet = where(inside, logDerivative.squeeze(-1), zeros_like(x));
        return (z.MoveToOuterDisposeScope(), logDet.MoveToOuterDisposeScope());
    }

    /// <summary>x = spline^-1(y), elementwise; the identity outside [-B, B].</summary>
    /// <remarks>Solves a xi^2 + b xi + c = 0 in the bin of y with the cancellation-free root 2c / (-b - sqrt(b^2 - 4ac)).</remarks>
    public static Tensor Inverse(Tensor y, Tensor widths, Tensor heights, Tensor derivatives,
        double bound, double minBinWidth = DefaultMinBinWidth, double minBinHeight = DefaultMinBinHeight, double minDerivative = DefaultMinDerivative)
    {
        CheckShapes(y, widths, heights, derivatives);
        using var scope = NewDisposeScope();
        var inside = y.abs().le(bound);
        var yc = y.clamp(-bound, bound).unsqueeze(-1);
        var cumulative = CumulativeFractions(widths, heights);
        var k = searchsorted(InteriorKnots(cumulative.select(-2, 1), bound, minBinHeight), yc, right: true);
        var bin = new Bin(cumulative, derivatives, k, bound, minBinWidth, minBinHeight, minDerivative);

        var dy = yc - bin.Y0;
        var a = bin.Height * (bin.Slope - bin.D0) + dy * bin.DerivativeSumMinusTwoSlopes;
        var b = bin.Height * bin.D0 - dy * bin.DerivativeSumMinusTwoSlopes;
        var c = -bin.Slope * dy;
        var discriminant = (b.square() - 4 * a * c).clamp_min(0);
        var xi = 2 * c / (-b - discriminant.sqrt());
        var x = bin.X0 + xi * bin.Width;
        return where(inside, x.squeeze(-1), y).MoveToOuterDisposeScope();
    }

    private static Tensor LogDerivative(Bin bin, Tensor xi, Tensor xiOneMinusXi, Tensor denominator)
    {
        var numerator = bin.D1 * xi.square() + 2 * bin.Slope * xiOneMinusXi + bin.D0 * (1 - xi).square();
        return 2 * bin.Slope.log() + numerator.log() - 2 * denominator.log();
    }

    // C_j = sum_{i<=j} softmax(u)_i, the knot fractions (C_{K-1} = 1), for widths [.., 0, :] and heights [.., 1, :] together.
    // Stacking also makes the input contiguous: libtorch's softmax is ~2.5x slower on the strided slices of the network output.
    private static Tensor CumulativeFractions(Tensor widths, Tensor heights) => stack(new[] { widths, heights }, -2).softmax(-1).cumsum(-1);

    // x_j = -B + 2B (m j + (1 - m K) C_{j-1}) for the interior knots j = 1..K-1; only used to find the bin, so no gradient.
    private static Tensor InteriorKnots(Tensor cumulative, double bound, double minSize)
    {
        using var noGrad = no_grad();
        long bins = cumulative.size(-1);
        using var j = arange(1, bins, dtype: cumulative.dtype, device: cumulative.device);
        using var offsets = j.mul(2 * bound * minSize).sub_(bound);
        return cumulative.narrow(-1, 0, bins - 1).mul(2 * bound * (1 - minSize * bins)).add_(offsets);
    }

    private static void CheckShapes(Tensor x, Tensor widths, Tensor heights, Tensor derivatives)
    {
        long bins = widths.size(-1);
        if (widths.dim() != x.dim() + 1 || heights.dim() != x.dim() + 1 || derivatives.dim() != x.dim() + 1)
            throw new ArgumentException($"Spline parameters must have one more dimension than the input ({x.dim()}).");
        if (bins < 2 || heights.size(-1) != bins || derivatives.size(-1) != bins - 1)
            throw new ArgumentException($"Spline parameter sizes must be K, K, K-1 with K >= 2; got {bins}, {heights.size(-1)}, {derivatives.size(-1)}.");
        for (int i = 0; i < x.dim(); i++)
            if (widths.size(i) != x.size(i) || heights.size(i) != x.size(i) || derivatives.size(i) != x.size(i))
                throw new ArgumentException($"Spline parameters' leading shape must equal the input's [{string.Join(", ", x.shape)}].");
    }

    /// <summary>The knots, sizes and end derivatives of bin k for every element, each [.., 1].</summary>
    private sealed class Bin
    {
        public Bin(Tensor cumulative, Tensor derivatives, Tensor k, double bound, double minWidth, double minHeight, double minDerivative)
        {
            long bins = cumulative.size(-1);
            var first = k.eq(0);
            var last = k.eq(bins - 1);
            var kf = k.to_type(cumulative.dtype);
            // C_{k-1} and C_k of widths and heights in one gather: [.., 2 (width, height), 2 (k-1, k)]. C_{-1} is read as C_0 and fixed in Edges.
            var index = cat(new[] { (k - 1).clamp_min(0), k }, -1).unsqueeze(-2).expand(cumulative.shape[..^1].Append(2L).ToArray());
            var c = cumulative.gather(-1, index);
            (X0, var x1) = Edges(c.select(-2, 0), kf, first, last, bins, bound, minWidth);
            (Y0, var y1) = Edges(c.select(-2, 1), kf, first, last, bins, bound, minHeight);
            Width = x1 - X0;
            Height = y1 - Y0;
            Slope = Height / Width;
            (D0, D1) = KnotDerivatives(derivatives, k, first, last, minDerivative);
            DerivativeSumMinusTwoSlopes = D0 + D1 - 2 * Slope;
        }

        public Tensor X0 { get; }
        public Tensor Y0 { get; }
        public Tensor Width { get; }
        public Tensor Height { get; }
        public Tensor Slope { get; }
        public Tensor D0 { get; }
        public Tensor D1 { get; }
        public Tensor DerivativeSumMinusTwoSlopes { get; }

        // Knots k and k+1 from c = (C_{k-1}, C_k): -B + 2B (m j + (1 - m K) C_{j-1}); the end knots are -B and B exactly.
        private static (Tensor Lower, Tensor Upper) Edges(Tensor c, Tensor kf, Tensor first, Tensor last, long bins, double bound, double minSize)
        {
            double scale = 2 * bound * (1 - minSize * bins), step = 2 * bound * minSize;
            var lower = (c.narrow(-1, 0, 1) * scale + kf * step - bound).masked_fill(first, -bound);
            var upper = (c.narrow(-1, 1, 1) * scale + (kf + 1) * step - bound).masked_fill(last, bound);
            return (lower, upper);
        }

        // d_k and d_k+1 from the K-1 interior parameters in one gather; the boundary derivatives d_0 = d_K = 1.
        private static (Tensor Lower, Tensor Upper) KnotDerivatives(Tensor unnormalized, Tensor k, Tensor first, Tensor last, double minDerivative)
        {
            long interior = unnormalized.size(-1);
            var index = cat(new[] { (k - 1).clamp(0, interior - 1), k.clamp_max(interior - 1) }, -1);
            var d = nn.functional.softplus(unnormalized.gather(-1, index)) + minDerivative;
            return (d.narrow(-1, 0, 1).masked_fill(first, 1.0), d.narrow(-1, 1, 1).masked_fill(last, 1.0));
        }
    }
}
