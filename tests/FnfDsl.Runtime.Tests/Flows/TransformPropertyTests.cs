using FnfDsl.Flows;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Flows;

/// Properties every transform must have, checked over the table of <see cref="TransformCase"/> in float64.
public class TransformPropertyTests
{
    public static IEnumerable<object[]> Cases => TransformCase.Names;

    [Theory]
    [MemberData(nameof(Cases))]
    public void InverseUndoesForward(string name)
    {
        var c = TransformCase.Named(name);
        var t = c.BuildRandomised(seed: 1);
        using var scope = NewDisposeScope();
        using var g = new Generator(11);
        var y = c.Inputs(500, t.Dim, g);
        var context = c.Context(500, g);

        var z = t.Forward(y, context);
        var back = t.Inverse(z, context);

        Assert.True(y.isfinite().all().item<bool>() && z.isfinite().all().item<bool>(), "inputs and images must be finite");
        Assert.True(MaxAbs(back - y) <= c.RoundTripTolerance, $"{name}: max |f^-1(f(y)) - y| = {MaxAbs(back - y):E2} > {c.RoundTripTolerance:E0}");
        var (z2, _) = t.ForwardAndLogDet(y, context);
        Assert.Equal(0.0, MaxAbs(z2 - z));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LogDetEqualsLogAbsDetOfAutogradJacobian(string name)
    {
        var c = TransformCase.Named(name);
        var t = c.BuildRandomised(seed: 2);
        using var scope = NewDisposeScope();
        using var g = new Generator(12);
        const int n = 40;
        var y = c.Inputs(n, t.Dim, g).requires_grad_(true);
        var context = c.Context(n, g);

        var (z, logDet) = t.ForwardAndLogDet(y, context);
        // Events are independent, so d(sum_n z[n, j])/dy[n, :] is row j of event n's Jacobian.
        var rows = new Tensor[t.Dim];
        for (int j = 0; j < t.Dim; j++)
            rows[j] = autograd.grad(new[] { z.select(1, j).sum() }, new[] { y }, retain_graph: true)[0];
        var jacobian = stack(rows, 1);
        var (_, expected) = linalg.slogdet(jacobian);

        Assert.Equal(new long[] { n }, logDet.shape);
        Assert.True(MaxAbs(logDet - expected) <= 1e-6, $"{name}: max |logdet - log|det J|| = {MaxAbs(logDet - expected):E2}");
        Assert.Equal(0.0, MaxAbs(t.LogAbsDetJacobian(y, context) - logDet));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientsReachEveryParameter(string name)
    {
        var c = TransformCase.Named(name);
        var t = c.BuildRandomised(seed: 3);
        using var scope = NewDisposeScope();
        using var g = new Generator(13);
        var y = c.Inputs(200, t.Dim, g).requires_grad_(true);
        var context = c.Context(200, g);

        var (z, logDet) = t.ForwardAndLogDet(y, context);
        (z.square().sum() - logDet.sum()).backward();

        Assert.True(y.grad!.abs().sum().item<double>() > 0, $"{name}: no gradient reached the input");
        foreach (var (parameterName, p) in t.named_parameters())
        {
            Assert.True(p.grad is not null, $"{name}: {parameterName} got no gradient");
            Assert.True(p.grad!.abs().sum().item<double>() > 0, $"{name}: {parameterName} got an all-zero gradient");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SplineTailsAreTheIdentityWithZeroLogDet(string name)
    {
        var c = TransformCase.Named(name);
        if (!c.HasIdentityTails) return; // only pure spline transforms have identity tails
        var t = c.BuildRandomised(seed: 4);
        using var scope = NewDisposeScope();
        using var g = new Generator(14);
        const double bound = MonotonicSpline.DefaultBound;
        // |y_i| in (B, 3B) with random signs: every dimension in a tail.
        var magnitude = rand(300, t.Dim, dtype: ScalarType.Float64, generator: g).mul_(2 * bound).add_(bound * 1.0001);
        var sign = rand(300, t.Dim, dtype: ScalarType.Float64, generator: g).gt(0.5).to_type(ScalarType.Float64).mul_(2).sub_(1);
        var y = magnitude * sign;
        var context = c.Context(300, g);

        var (z, logDet) = t.ForwardAndLogDet(y, context);

        Assert.Equal(0.0, MaxAbs(z - y));
        Assert.Equal(0.0, MaxAbs(logDet));
        Assert.Equal(0.0, MaxAbs(t.Inverse(z, context) - y));
    }

    private static double MaxAbs(Tensor t) => t.numel() == 0 ? 0.0 : t.abs().max().item<double>();
}
