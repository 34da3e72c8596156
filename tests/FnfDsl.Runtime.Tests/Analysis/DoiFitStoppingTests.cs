using FnfDsl.Analysis;

namespace FnfDsl.Tests.Analysis;

/// When the step-1 fit stops: its patience counts only epochs where the learning rate has settled.
public class DoiFitStoppingTests
{
    // A tolerance no epoch can beat: every epoch after the first counts as "no improvement".
    private static readonly DoiFitOptions NeverImproving = new() { Epochs = 10, BatchSize = 200, Patience = 2, Tolerance = 1e9, Seed = 1, RefineParameters = false };

    [Fact]
    public void WithACosineScheduleThePatienceStartsInItsLastFifth()
    {
        // Settled from epoch 8 (5 * 8 >= 4 * 10): two settled epochs without improvement end the fit at epoch 9, not at 8
        // because of the unsettled epochs before it.
        var fit = DoiFit.Run(ToyFixture.TinyModel(), ToyFixture.TinyData(), NeverImproving);

        Assert.True(fit.Converged);
        Assert.Equal(9, fit.Epochs);
        Assert.Equal(9, fit.History.Count);
    }

    [Fact]
    public void WithoutASchedulePatienceCountsFromTheStart()
    {
        // Epoch 1 improves on +infinity; epochs 2 and 3 do not.
        var fit = DoiFit.Run(ToyFixture.TinyModel(), ToyFixture.TinyData(), NeverImproving with { CosineDecay = false });

        Assert.True(fit.Converged);
        Assert.Equal(3, fit.Epochs);
    }

    [Fact]
    public void AFitThatKeepsImprovingRunsEveryEpoch()
    {
        var fit = DoiFit.Run(ToyFixture.TinyModel(), ToyFixture.TinyData(), NeverImproving with { Tolerance = double.NegativeInfinity });

        Assert.False(fit.Converged);
        Assert.Equal(10, fit.Epochs);
    }
}
