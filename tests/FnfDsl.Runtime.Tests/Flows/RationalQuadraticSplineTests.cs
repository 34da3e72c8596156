using FnfDsl.Flows;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Flows;

/// The spline's own guarantees: identity parameters, continuity with the tails, and the minimum bin sizes and derivative.
public class RationalQuadraticSplineTests
{
    private const double B = 5.0;

    [Fact]
    public void IdentityParametersGiveTheIdentity()
    {
        using var scope = NewDisposeScope();
        var spline = new MonotonicSpline(bins: 6);
        var phi = tensor(spline.IdentityParameters).expand(400, 2, spline.ParameterCount);
        var x = linspace(-7, 7, 800, dtype: ScalarType.Float64).view(400, 2);

        var (y, logDerivative) = spline.Forward(x, phi);

        Assert.True((y - x).abs().max().item<double>() < 1e-12);
        Assert.True(logDerivative.abs().max().item<double>() < 1e-12);
    }

    [Fact]
    public void SplineMeetsTheIdentityTailsContinuouslyWithSlopeOne()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(3);
        var (w, h, d) = RandomParameters(g, count: 50, dims: 2, bins: 10, scale: 3.0);
        var edges = tensor(new[] { -B, B }, dtype: ScalarType.Float64).expand(50, 2).contiguous();
        var inside = edges * (1 - 1e-12);

        var (yEdge, logDerivativeEdge) = RationalQuadraticSpline.Forward(inside, w, h, d, B);

        Assert.True((yEdge - edges).abs().max().item<double>() < 1e-9, "spline(+-B) must equal +-B");
        Assert.True(logDerivativeEdge.abs().max().item<double>() < 1e-6, "the boundary derivative must be 1");
    }

    [Fact]
    public void MinimumBinSizesAndDerivativeBoundTheSlopeForExtremeParameters()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(4);
        const int bins = 8;
        var (w, h, d) = RandomParameters(g, count: 2000, dims: 1, bins: bins, scale: 40.0);
        var x = rand(2000, 1, dtype: ScalarType.Float64, generator: g).mul_(2 * B).sub_(B);

        var (y, logDerivative) = RationalQuadraticSpline.Forward(x, w, h, d, B);
        var back = RationalQuadraticSpline.Inverse(y, w, h, d, B);

        // Every bin is at least 2B * 1e-3 wide and high and no wider than 2B, so the bin slopes lie in [1e-3, 1e3];
        // the derivative of a rational-quadratic segment is bounded by its end derivatives and slope.
        Assert.True(logDerivative.isfinite().all().item<bool>());
        Assert.True(y.abs().max().item<double>() <= B + 1e-9);
        Assert.True((back - x).abs().max().item<double>() < 1e-4, "even extreme splines stay invertible");
    }

    [Fact]
    public void ForwardIsIncreasing()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(5);
        var (w, h, d) = RandomParameters(g, count: 1, dims: 1, bins: 12, scale: 2.0);
        var x = linspace(-6, 6, 5001, dtype: ScalarType.Float64).view(-1, 1);
        var n = x.size(0);

        var (y, _) = RationalQuadraticSpline.Forward(x, w.expand(n, 1, 12), h.expand(n, 1, 12), d.expand(n, 1, 11), B);

        Assert.True(y.diff(dim: 0).gt(0).all().item<bool>());
    }

    [Fact]
    public void WrongParameterShapesAreRejectedBeforeAnyTensorMath()
    {
        using var scope = NewDisposeScope();
        var x = zeros(4, 2, dtype: ScalarType.Float64);
        var ex = Assert.Throws<ArgumentException>(() =>
            RationalQuadraticSpline.Forward(x, zeros(4, 2, 5, dtype: ScalarType.Float64), zeros(4, 2, 5, dtype: ScalarType.Float64), zeros(4, 2, 5, dtype: ScalarType.Float64), B));
        Assert.Contains("K, K, K-1", ex.Message);
    }

    private static (Tensor W, Tensor H, Tensor D) RandomParameters(Generator g, int count, int dims, int bins, double scale) => (
        randn(count, dims, bins, dtype: ScalarType.Float64, generator: g).mul_(scale),
        randn(count, dims, bins, dtype: ScalarType.Float64, generator: g).mul_(scale),
        randn(count, dims, bins - 1, dtype: ScalarType.Float64, generator: g).mul_(scale));
}
