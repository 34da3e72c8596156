using FnfDsl.Fnf;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Fnf;

/// Properties of the FNF map S: identity at nu = 0, exact log-det, inverse, autoregressive and factorised structure.
public class FnfTransformTests
{
    [Fact]
    public void IsExactlyTheIdentityAtNominalBeforeAndAfterTraining()
    {
        using var fnf = FnfTestModels.ThreeFeatureFnf();
        fnf.to(ScalarType.Float64);
        var (y, context, _) = FnfTestModels.Inputs(fnf, 200);
        using var zeroVector = zeros(3, dtype: ScalarType.Float64);
        using var zeroPerEvent = zeros(200, 3, dtype: ScalarType.Float64);
        using var zeroWithGrad = zeros(3, dtype: ScalarType.Float64).requires_grad_();

        foreach (bool trained in new[] { false, true })
        {
            if (trained) FnfTestModels.Perturbed(fnf);
            foreach (var nu in new[] { zeroVector, zeroPerEvent, zeroWithGrad })
            {
                var (z, logDet) = fnf.ForwardAndLogDet(y, context, nu);
                Assert.True(z.equal(y).all().item<bool>(), $"S(y) != y bitwise at nu = 0 (trained: {trained})");
                Assert.Equal(0.0, logDet.abs().max().item<double>());
                var back = fnf.Inverse(y, context, nu);
                Assert.True(back.equal(y).all().item<bool>(), "S^-1(y) != y bitwise at nu = 0");
            }
        }
        // With nu != 0 the trained map is far from the identity, so the checks above could fail.
        using var nuOne = ones(3, dtype: ScalarType.Float64);
        var moved = fnf.Forward(y, context, nuOne);
        Assert.True(moved.sub(y).abs().max().item<double>() > 0.05);
    }

    [Fact]
    public void LogDetEqualsTheAutogradJacobian()
    {
        // A moderate perturbation: with |log det| ~ 20 the autograd determinant itself loses digits.
        using var fnf = FnfTestModels.Perturbed(FnfTestModels.ThreeFeatureFnf(layers: 3), scale: 0.15);
        fnf.to(ScalarType.Float64);
        var (y0, context, nu) = FnfTestModels.Inputs(fnf, 64);
        var y = y0.clone().requires_grad_();
        var (z, logDet) = fnf.ForwardAndLogDet(y, context, nu);

        var rows = new List<Tensor>();
        for (int i = 0; i < 3; i++)
            rows.Add(autograd.grad([z[.., i].sum()], [y], retain_graph: true)[0]);
        var jacobian = stack(rows, 1); // [N, D_out, D_in]
        var (_, logAbsDet) = linalg.slogdet(jacobian);

        Assert.True(logDet.abs().max().item<double>() > 0.05, "the test needs a non-trivial log-det");
        Assert.True(logAbsDet.allclose(logDet.detach(), rtol: 0, atol: 1e-10),
            $"max |log-det - autograd| = {logAbsDet.sub(logDet).abs().max().item<double>()}");
    }

    [Fact]
    public void OneLayerIsAutoregressiveInItsOrder()
    {
        using var fnf = FnfTestModels.Perturbed(FnfTestModels.ThreeFeatureFnf(layers: 1));
        fnf.to(ScalarType.Float64);
        var (y0, context, nu) = FnfTestModels.Inputs(fnf, 32);
        var y = y0.clone().requires_grad_();
        var z = fnf.Forward(y, context, nu);
        for (int i = 0; i < 3; i++)
        {
            var row = autograd.grad([z[.., i].sum()], [y], retain_graph: true)[0];
            for (int j = i + 1; j < 3; j++)
                Assert.Equal(0.0, row[.., j].abs().max().item<double>());
            Assert.True(row[.., 0].abs().max().item<double>() > 0, "z_i should depend on y_0");
        }
    }

    [Fact]
    public void InverseUndoesForward()
    {
        using var fnf = FnfTestModels.Perturbed(FnfTestModels.ThreeFeatureFnf(layers: 3));
        fnf.to(ScalarType.Float64);
        var (y, context, nu) = FnfTestModels.Inputs(fnf, 500);
        var z = fnf.Forward(y, context, nu);
        var back = fnf.Inverse(z, context, nu);
        Assert.True(z.sub(y).abs().max().item<double>() > 0.05);
        Assert.True(back.allclose(y, rtol: 0, atol: 1e-10), $"max round-trip error {back.sub(y).abs().max().item<double>()}");
    }

    [Fact]
    public void AHeadMovesOnlyItsFeaturesAndFlavours()
    {
        // Only head b (features {0, 2}, flavour 1) is switched on.
        using var fnf = FnfTestModels.Perturbed(FnfTestModels.ThreeFeatureFnf(crossTerm: false));
        fnf.to(ScalarType.Float64);
        var (y, context, _) = FnfTestModels.Inputs(fnf, 300);
        using var nu = tensor(new double[] { 0, 1.5, 0 });
        var z = fnf.Forward(y, context, nu);

        Assert.True(z[.., 1].equal(y[.., 1]).all().item<bool>(), "feature 1 is not in head b's Moves but changed");
        var flavour0 = context[.., 2].eq(1);
        Assert.True(z[flavour0].equal(y[flavour0]).all().item<bool>(), "flavour-0 events changed under a flavour-1 head");
        var flavour1 = context[.., 3].eq(1);
        Assert.True(z[flavour1].sub(y[flavour1]).abs().max().item<double>() > 0.05, "flavour-1 events should move");
    }

    [Fact]
    public void PerEventNuMatchesEvaluatingEachEventAlone()
    {
        using var fnf = FnfTestModels.Perturbed(FnfTestModels.ThreeFeatureFnf());
        fnf.to(ScalarType.Float64);
        var (y, context, nu) = FnfTestModels.Inputs(fnf, 6);
        var (z, logDet) = fnf.ForwardAndLogDet(y, context, nu);
        for (int n = 0; n < 6; n++)
        {
            var (zn, ln) = fnf.ForwardAndLogDet(y[n..(n + 1)], context[n..(n + 1)], nu[n]);
            Assert.True(zn.allclose(z[n..(n + 1)], rtol: 0, atol: 1e-12));
            Assert.True(ln.allclose(logDet[n..(n + 1)], rtol: 0, atol: 1e-12));
        }
    }

    [Fact]
    public void ASharedNuVectorEqualsTheSameNuGivenPerEvent()
    {
        using var fnf = FnfTestModels.Perturbed(FnfTestModels.ThreeFeatureFnf());
        fnf.to(ScalarType.Float64);
        var (y, context, _) = FnfTestModels.Inputs(fnf, 50);
        foreach (var values in new[] { new[] { 0.4, 0.0, -0.7 }, new[] { 0.0, 0.9, 0.0 }, new[] { 1.1, -0.3, 0.5 } })
        {
            using var shared = tensor(values);
            using var perEvent = shared.unsqueeze(0).expand(50, 3).clone();
            var (z1, l1) = fnf.ForwardAndLogDet(y, context, shared);
            var (z2, l2) = fnf.ForwardAndLogDet(y, context, perEvent);
            Assert.True(z1.allclose(z2, rtol: 0, atol: 1e-12) && l1.allclose(l2, rtol: 0, atol: 1e-12), $"nu = ({string.Join(", ", values)})");
        }
    }

    [Fact]
    public void RoutingOnlyActiveEventsMatchesDenseEvaluationIncludingGradients()
    {
        // Variation-sample-like nu: each event has one non-zero nuisance, so heads see only their events.
        using var fnf = FnfTestModels.Perturbed(FnfTestModels.ThreeFeatureFnf());
        fnf.to(ScalarType.Float64);
        var (y, context, nu0) = FnfTestModels.Inputs(fnf, 400);
        var which = arange(400).remainder(4); // 3 means "nominal": every nuisance at 0
        var nu = nu0.mul(nn.functional.one_hot(which, 4).narrow(1, 0, 3));

        (Tensor LogDet, Tensor[] Grads) Run(Tensor n)
        {
            fnf.zero_grad();
            var (z, logDet) = fnf.ForwardAndLogDet(y, context, n);
            z.square().sum().add(logDet.sum()).backward();
            var grads = fnf.parameters().Select(p => p.grad is null ? zeros_like(p) : p.grad.clone()).ToArray();
            return (logDet.detach(), grads);
        }
        var sparse = Run(nu);
        var dense = Run(nu.clone().requires_grad_()); // d/dnu forces every event through every head

        Assert.True(sparse.LogDet.allclose(dense.LogDet, rtol: 0, atol: 1e-12));
        for (int i = 0; i < sparse.Grads.Length; i++)
            Assert.True(sparse.Grads[i].allclose(dense.Grads[i], rtol: 1e-10, atol: 1e-12), $"parameter {i} gradient differs");
    }

    [Fact]
    public void PrecomputedCoefficientsGiveTheSameTransformAndNuGradientAtAnyNu()
    {
        // One layer, heads of two sizes, one restricted to flavour 1 and two features, a cross term: the cached head
        // outputs combined with nu's monomials are S itself, at a nu vector (with a zero entry) and per event.
        using var fnf = FnfTestModels.Perturbed(FnfTestModels.ThreeFeatureFnf(layers: 1));
        fnf.to(ScalarType.Float64);
        var (y, context, perEvent) = FnfTestModels.Inputs(fnf, 64);
        using var pre = fnf.Precompute(y, context);
        Assert.NotNull(pre);
        foreach (var nu in new[] { tensor(new[] { 0.7, 0.0, -1.1 }, dtype: ScalarType.Float64), perEvent })
        {
            using var a = nu.clone().requires_grad_(true);
            using var b = nu.clone().requires_grad_(true);
            var (z, logDet) = fnf.ForwardAndLogDet(y, context, a);
            var (zc, logDetC) = fnf.ForwardAndLogDet(pre!, b);
            Assert.True(z.allclose(zc, rtol: 1e-12, atol: 1e-12));
            Assert.True(logDet.allclose(logDetC, rtol: 1e-12, atol: 1e-12));
            var ga = torch.autograd.grad([z.sum().add(logDet.sum())], [a])[0];
            var gb = torch.autograd.grad([zc.sum().add(logDetC.sum())], [b])[0];
            Assert.True(ga.allclose(gb, rtol: 1e-10, atol: 1e-12));
        }
        // A stacked FNF's later layers see inputs that move with nu: nothing to precompute.
        using var stacked = FnfTestModels.ThreeFeatureFnf(layers: 2);
        stacked.to(ScalarType.Float64);
        Assert.Null(stacked.Precompute(y, context));
    }

    [Fact]
    public void HeadsOfDifferentSizesContributeAdditively()
    {
        // s(nu) and t(nu) are sums of per-nuisance terms (no cross term here), whatever the head sizes.
        using var fnf = FnfTestModels.Perturbed(FnfTestModels.ThreeFeatureFnf(layers: 1, crossTerm: false));
        fnf.to(ScalarType.Float64);
        var (y, context, nu) = FnfTestModels.Inputs(fnf, 200);
        var (s, t) = fnf.LayerCoefficients(0, y, context, nu);
        var sSum = zeros_like(s);
        var tSum = zeros_like(t);
        for (int k = 0; k < 3; k++)
        {
            var only = nu.mul(nn.functional.one_hot(full(200, k, dtype: ScalarType.Int64), 3));
            var (sk, tk) = fnf.LayerCoefficients(0, y, context, only);
            sSum = sSum.add(sk);
            tSum = tSum.add(tk);
        }
        Assert.True(s.allclose(sSum, rtol: 0, atol: 1e-12));
        Assert.True(t.allclose(tSum, rtol: 0, atol: 1e-12));
    }

    [Fact]
    public void CoefficientsAreQuadraticInEachNuisance()
    {
        // s(nu) = a nu + q b nu^2: the values at -1, 1 fix a and q b, which must predict the value at 2.5.
        using var fnf = FnfTestModels.Perturbed(FnfTestModels.ThreeFeatureFnf(layers: 1, crossTerm: false, quadraticDamping: 0.3));
        fnf.to(ScalarType.Float64);
        var (y, context, _) = FnfTestModels.Inputs(fnf, 100);
        Tensor At(double v) { using var nu = tensor(new[] { v, 0.0, 0.0 }); return fnf.LayerCoefficients(0, y, context, nu).LogScale; }
        var (minus, plus, far) = (At(-1), At(1), At(2.5));
        var linear = plus.sub(minus).div(2);
        var quadratic = plus.add(minus).div(2);
        var predicted = linear.mul(2.5).add(quadratic.mul(2.5 * 2.5));
        Assert.True(quadratic.abs().max().item<double>() > 1e-3, "the test needs a quadratic term");
        Assert.True(far.allclose(predicted, rtol: 0, atol: 1e-12));
    }

    [Fact]
    public void AHeadGetsNoGradientFromEventsWhereItsNuisanceIsZero()
    {
        using var fnf = FnfTestModels.Perturbed(FnfTestModels.ThreeFeatureFnf());
        fnf.to(ScalarType.Float64);
        var (y, context, nu0) = FnfTestModels.Inputs(fnf, 100);
        var nu = nu0.clone();
        nu[.., 2] = 0; // nuisance of head c (and of the cross term a x c)
        var (z, logDet) = fnf.ForwardAndLogDet(y, context, nu);
        z.square().sum().add(logDet.sum()).backward();
        foreach (var name in new[] { "c", FnfTransform.CrossTermName(new FnfCrossTerm("a", "c")) })
            foreach (var p in fnf.Head(name).parameters())
                Assert.True(p.grad is null || p.grad.abs().max().item<double>() == 0, $"head {name} got a gradient");
        Assert.Contains(fnf.Head("a").parameters(), p => p.grad is not null && p.grad.abs().max().item<double>() > 0);
    }

    [Fact]
    public void AnEmptyBatchMapsToAnEmptyBatch()
    {
        using var fnf = FnfTestModels.Perturbed(FnfTestModels.ThreeFeatureFnf());
        fnf.to(ScalarType.Float64);
        using var y = zeros(0, 3, dtype: ScalarType.Float64);
        using var context = zeros(0, 4, dtype: ScalarType.Float64);
        using var nu = ones(3, dtype: ScalarType.Float64);
        var (z, logDet) = fnf.ForwardAndLogDet(y, context, nu);
        Assert.Equal(new long[] { 0, 3 }, z.shape);
        Assert.Equal(new long[] { 0 }, logDet.shape);
        Assert.Equal(new long[] { 0, 3 }, fnf.Inverse(y, context, nu).shape);
    }

    [Fact]
    public void BadInputsRaiseClearExceptions()
    {
        using var fnf = FnfTestModels.ThreeFeatureFnf();
        fnf.to(ScalarType.Float64);
        var (y, context, nu) = FnfTestModels.Inputs(fnf, 10);
        Assert.Contains("y must be [N, 3]", Assert.Throws<ArgumentException>(() => fnf.Forward(y[.., ..2], context, nu)).Message);
        Assert.Contains("context must be", Assert.Throws<ArgumentException>(() => fnf.Forward(y, context[.., ..3], nu)).Message);
        Assert.Contains("nu must be", Assert.Throws<ArgumentException>(() => fnf.Forward(y, context, nu[.., ..2])).Message);
        Assert.Contains("needs a context", Assert.Throws<ArgumentException>(() => fnf.Forward(y, null, nu)).Message);
        Assert.Contains("float64", Assert.Throws<ArgumentException>(() => fnf.Forward(y.to_type(ScalarType.Float32), context.to_type(ScalarType.Float32), nu)).Message, StringComparison.OrdinalIgnoreCase);
        Assert.Throws<ArgumentException>(() => new FnfTransform(3, 2, 2, 3, [new FnfHeadSpec("a", 5, [8])]));
        Assert.Throws<ArgumentException>(() => new FnfTransform(3, 2, 2, 3, [new FnfHeadSpec("a", 0, [8], Moves: [3])]));
        Assert.Throws<ArgumentException>(() => new FnfTransform(3, 2, 2, 3, [new FnfHeadSpec("a", 0, [8]), new FnfHeadSpec("a", 1, [8])]));
    }
}
