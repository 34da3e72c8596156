using static TorchSharp.torch;

namespace FnfDsl.Flows;

/// <summary>
/// The rational-quadratic spline of <see cref="RationalQuadraticSpline"/> as a parameterised family:
/// phi = (K unnormalised widths, K unnormalised heights, K-1 unnormalised interior derivatives), P = 3K - 1.
/// </summary>
public sealed class MonotonicSpline : MonotonicFunction
{
    /// <summary>Default half-width B of the spline interval [-B, B]; outside it the map is the identity.</summary>
    /// <remarks>5 covers +-5 sigma of standardised (or logit + standardised, clipped to [-5, 5]) inputs, method.md section 6.</remarks>
    public const double DefaultBound = 5.0;

    /// <summary>A spline with <paramref name="bins"/> bins on [-bound, bound].</summary>
    public MonotonicSpline(int bins, double bound = DefaultBound,
        double minBinWidth = RationalQuadraticSpline.DefaultMinBinWidth,
        double minBinHeight = RationalQuadraticSpline.DefaultMinBinHeight,
        double minDerivative = RationalQuadraticSpline.DefaultMinDerivative)
    {
        RationalQuadraticSpline.Validate(bins, bound, minBinWidth, minBinHeight, minDerivative);
        Bins = bins;
        Bound = bound;
        MinBinWidth = minBinWidth;
        MinBinHeight = minBinHeight;
        MinDerivative = minDerivative;
    }

    /// <summary>Number of bins K.</summary>
    public int Bins { get; }

    /// <summary>Half-width B of the spline interval.</summary>
    public double Bound { get; }

    /// <summary>Smallest bin width as a fraction of 2B.</summary>
    public double MinBinWidth { get; }

    /// <summary>Smallest bin height as a fraction of 2B.</summary>
    public double MinBinHeight { get; }

    /// <summary>Smallest derivative at an interior knot.</summary>
    public double MinDerivative { get; }

    /// <inheritdoc />
    public override int ParameterCount => 3 * Bins - 1;

    /// <inheritdoc />
    public override double[] IdentityParameters =>
        Enumerable.Repeat(0.0, 2 * Bins)
            .Concat(Enumerable.Repeat(RationalQuadraticSpline.UnitDerivativeParameter(MinDerivative), Bins - 1))
            .ToArray();

    /// <inheritdoc />
    public override (Tensor Z, Tensor LogDerivative) Forward(Tensor y, Tensor phi)
    {
        using var scope = NewDisposeScope();
        var p = Split(phi);
        var (z, logDerivative) = RationalQuadraticSpline.Forward(y, p[0], p[1], p[2], Bound, MinBinWidth, MinBinHeight, MinDerivative);
        return (z.MoveToOuterDisposeScope(), logDerivative.MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public override Tensor Inverse(Tensor z, Tensor phi)
    {
        using var scope = NewDisposeScope();
        var p = Split(phi);
        return RationalQuadraticSpline.Inverse(z, p[0], p[1], p[2], Bound, MinBinWidth, MinBinHeight, MinDerivative).MoveToOuterDisposeScope();
    }

    private Tensor[] Split(Tensor phi)
    {
        if (phi.size(-1) != ParameterCount)
            throw new ArgumentException($"phi has {phi.size(-1)} parameters per dimension; a {Bins}-bin spline needs {ParameterCount}.", nameof(phi));
        // One split node: its backward assembles the gradient of phi in one go.
        return phi.split(new long[] { Bins, Bins, Bins - 1 }, -1);
    }
}
