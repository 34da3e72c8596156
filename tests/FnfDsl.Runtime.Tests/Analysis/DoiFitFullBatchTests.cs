using FnfDsl.Analysis;
using FnfDsl.Training;

namespace FnfDsl.Tests.Analysis;

/// The step-1 fit with full-batch L-BFGS instead of AdamW epochs: deterministic and monotone.
public class DoiFitFullBatchTests
{
    private static readonly DoiFitOptions FullBatch = new() { FullBatch = new LbfgsOptions { MaxIterations = 40 }, RefineParameters = false };

    [Fact]
    public void TwoRunsEndAtTheSamePoint_WhateverTheSeed()
    {
        var a = DoiFit.Run(ToyFixture.TinyModel(), ToyFixture.TinyData(), FullBatch with { Seed = 1 });
        var b = DoiFit.Run(ToyFixture.TinyModel(), ToyFixture.TinyData(), FullBatch with { Seed = 2 });

        Assert.Equal(a.Nll, b.Nll);
        Assert.Equal(a.Nu, b.Nu);
        Assert.Equal(a.History, b.History);
    }

    [Fact]
    public void TheNllNeverRises_AndEndsBelowTheIdentityStart()
    {
        var model = ToyFixture.TinyModel();
        var data = ToyFixture.TinyData();
        double start = model.Likelihood(model.DataDensities(amortized: false)).Value(data, [], new double[model.Mixture.NuisanceCount]);

        var fit = DoiFit.Run(model, data, FullBatch);

        Assert.Equal(40, fit.Epochs);
        Assert.Equal(40, fit.History.Count);
        for (int i = 1; i < fit.History.Count; i++) Assert.True(fit.History[i] <= fit.History[i - 1], $"iteration {i + 1}: {fit.History[i]} after {fit.History[i - 1]}");
        Assert.True(fit.Nll < start - 1, $"NLL {fit.Nll}, at the identity start {start}");
        // The reported NLL is the model's at the reported parameters.
        Assert.Equal(fit.Nll, model.Likelihood(model.DataDensities(amortized: false)).Value(data, fit.Theta, fit.Nu), 1e-9);
        Assert.Equal(fit.History[^1], fit.Nll, 1e-9);
    }

    [Fact]
    public void AFixedNuStaysFixed()
    {
        double[] nu = [0.3, -0.2, 0.1, 0.0];
        var fit = DoiFit.Run(ToyFixture.TinyModel(), ToyFixture.TinyData(), FullBatch with { FixedNu = nu });

        Assert.Equal(nu, fit.Nu);
    }

    [Fact]
    public void RefusesCheckpoints()
    {
        var error = Assert.Throws<ArgumentException>(() => DoiFit.Run(ToyFixture.TinyModel(), ToyFixture.TinyData(), FullBatch with { CheckpointPath = "never-written.pt" }));
        Assert.Contains("CheckpointPath", error.Message);
        Assert.Contains("FullBatch", error.Message);
    }
}
