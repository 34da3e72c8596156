using FnfDsl.Analysis;
using FnfDsl.Tests.Analysis;
using FnfDsl.Tests.Flows;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Doi;

/// The amortized chain T(.; nu) = R(T_hat(.); nu - nu_hat), with and without R's offset head.
public class ResidualDoiTests
{
    [Fact]
    public void WithoutOffset_TheResidualIsTheIdentityAtNuHat_WhateverItsParameters()
    {
        var model = RandomModel(offset: false);
        var (x, y, context) = Events(model, 40);
        using var nuHat = tensor(model.NuHat, dtype: ScalarType.Float64);
        var (step1, ld1) = model.DataDensities(amortized: false).Map(y, context, nuHat);
        var (step2, ld2) = model.DataDensities(amortized: true).Map(y, context, nuHat);
        Assert.True(step1.allclose(step2, rtol: 0, atol: 1e-12));
        Assert.True(ld1.allclose(ld2, rtol: 0, atol: 1e-12));

        // Away from nu_hat the trained residual moves the events.
        using var away = nuHat.add(0.5);
        var (moved, _) = model.DataDensities(amortized: true).Map(y, context, away);
        Assert.True(moved.sub(step1).abs().max().item<double>() > 1e-3);
        DisposeAll(x, y, context);
    }

    [Fact]
    public void WithOffset_TheResidualCorrectsTHatAtNuHat_AndPerEventNuMatchesABroadcastNu()
    {
        var model = RandomModel(offset: true);
        Assert.Equal(model.Mixture.NuisanceCount + 1, model.Residual!.NuisanceCount);
        var (x, y, context) = Events(model, 40);
        using var nuHat = tensor(model.NuHat, dtype: ScalarType.Float64);
        var (step1, _) = model.DataDensities(amortized: false).Map(y, context, nuHat);
        var amortized = model.DataDensities(amortized: true);
        var (atHat, ldHat) = amortized.Map(y, context, nuHat);
        // nu-independent correction: T(.; nu_hat) is no longer T_hat once the offset head has learnt something.
        Assert.True(atHat.sub(step1).abs().max().item<double>() > 1e-3);

        // One nu for all events, given as [K] or repeated per event as [N, K]: the same map and log-det.
        using var nu = tensor(model.NuHat.Select((v, k) => v + 0.3 * (k + 1)).ToArray(), dtype: ScalarType.Float64);
        using var rows = nu.expand(y.shape[0], nu.shape[0]).contiguous();
        var (broadcast, ldB) = amortized.Map(y, context, nu);
        var (perEvent, ldE) = amortized.Map(y, context, rows);
        Assert.True(broadcast.allclose(perEvent, rtol: 0, atol: 1e-12));
        Assert.True(ldB.allclose(ldE, rtol: 0, atol: 1e-12));

        // Unmap inverts Map with the offset in place.
        Assert.True(amortized.Unmap(broadcast, context, nu).allclose(y, rtol: 0, atol: 1e-9));
        Assert.True(amortized.Unmap(atHat, context, nuHat).allclose(y, rtol: 0, atol: 1e-9));
        DisposeAll(x, y, context, atHat, ldHat);
    }

    // A float64 toy model whose DoI and residual have random (non-identity) parameters and nu_hat != 0.
    private static AnalysisModel RandomModel(bool offset)
    {
        var model = new AnalysisModel(ToyFixture.Spec(yield: 1000, bins: 6, hidden: [8, 8]), Normalization.Unit(1, 2, 2),
            new AnalysisModelOptions { Seed = 9, Dtype = ScalarType.Float64, ResidualHidden = [8, 8], ResidualOffset = offset });
        foreach (var (module, seed) in new TorchSharp.torch.nn.Module[] { model.Doi!, model.Residual! }.Select((m, i) => (m, 20L + i)))
            RandomParameters.Randomise(module, seed);
        foreach (var p in model.Residual!.parameters()) using (no_grad()) p.mul_(0.2); // a mild residual, as after training
        model.NuHat = [0.3, -0.2, 0.1, 0.05];
        return model;
    }

    private static (Tensor X, Tensor Y, Tensor Context) Events(AnalysisModel model, int n)
    {
        using var g = new Generator(3);
        var x = rand(n, 1, dtype: ScalarType.Float64, generator: g);
        var y = randn(n, 2, dtype: ScalarType.Float64, generator: g);
        using var flavour = randint(0, model.Mixture.FlavourCount, n, generator: g);
        var context = cat([x, nn.functional.one_hot(flavour, model.Mixture.FlavourCount).to_type(ScalarType.Float64)], 1);
        return (x, y, context);
    }

    private static void DisposeAll(params Tensor[] tensors)
    {
        foreach (var t in tensors) t.Dispose();
    }
}
