using FnfDsl.Flows;
using FnfDsl.Training;
using TorchSharp;
using Parameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Training;

/// The trainer's contract: reproducibility, NaN rollback, early stopping, best-state restore, schedule, parameter selection.
public class TrainerTests
{
    private static readonly TrainerOptions Small = new() { Epochs = 3, BatchSize = 128, LearningRate = 3e-3, Seed = 4 };

    [Fact]
    public void SameSeedGivesBitwiseIdenticalParametersAndAnotherSeedDoesNot()
    {
        using var data = new Data(1500, seed: 1);
        float[][] Train(long seed)
        {
            manual_seed(11);
            var flow = SmallFlow();
            Trainer.Fit(flow, data.Dataset, NegativeLogLikelihood(flow), Small with { Seed = seed });
            return flow.parameters().Select(p => p.data<float>().ToArray()).ToArray();
        }

        var first = Train(4);
        var second = Train(4);
        var other = Train(5);

        Assert.Equal(first.Length, second.Length);
        for (int i = 0; i < first.Length; i++) Assert.True(first[i].SequenceEqual(second[i]), $"parameter {i} differs between identical runs");
        Assert.Contains(Enumerable.Range(0, first.Length), i => !first[i].SequenceEqual(other[i]));
    }

    [Fact]
    public void NanLossIsRolledBackAndTheLearningRateBacksOff()
    {
        using var data = new Data(1500, seed: 2);
        manual_seed(12);
        var flow = SmallFlow();
        var loss = NegativeLogLikelihood(flow);
        int trainingCalls = 0;
        var ratios = new List<(int Call, double Ratio)>();
        int stepsPerEpoch = 0;
        var options = Small with
        {
            Progress = p =>
            {
                if (p.EpochCompleted) return;
                stepsPerEpoch = p.StepsPerEpoch;
                long step = (long)(p.Epoch - 1) * p.StepsPerEpoch + p.Step - 1;
                double scheduled = Small.LearningRate * LearningRateSchedule.Factor(step, Small.Epochs * p.StepsPerEpoch, (long)Math.Round(Small.WarmupFraction * Small.Epochs * p.StepsPerEpoch));
                ratios.Add((trainingCalls, p.LearningRate / scheduled));
            },
        };

        var result = Trainer.Fit(flow, data.Dataset, batch =>
        {
            var value = loss(batch);
            if (is_grad_enabled() && ++trainingCalls == 10) return value * double.NaN;
            return value;
        }, options);

        Assert.Equal(1, result.NanRecoveries);
        Assert.All(flow.parameters(), p => Assert.True(p.isfinite().all().item<bool>()));
        Assert.All(result.TrainLoss.Concat(result.ValidationLoss), l => Assert.True(double.IsFinite(l)));
        Assert.All(ratios.Where(r => r.Call < 10), r => Assert.Equal(1.0, r.Ratio, 12));
        Assert.All(ratios.Where(r => r.Call > 10), r => Assert.Equal(0.5, r.Ratio, 12));
        Assert.Equal(Small.Epochs * stepsPerEpoch - 1, ratios.Count); // the failed step is not reported
    }

    [Fact]
    public void NanGradientWithFiniteLossIsRolledBack()
    {
        using var data = new Data(1500, seed: 3);
        manual_seed(13);
        var flow = SmallFlow();
        var loss = NegativeLogLikelihood(flow);
        var first = flow.parameters().First();
        int trainingCalls = 0;

        var result = Trainer.Fit(flow, data.Dataset, batch =>
        {
            var value = loss(batch);
            // sqrt|p - p| is 0, but its gradient is 0 * inf = NaN.
            if (is_grad_enabled() && ++trainingCalls == 7) return value + (first - first.detach()).abs().sqrt().sum();
            return value;
        }, Small with { GradClipNorm = 1.0 }); // the clipped path reports the NaN norm too

        Assert.Equal(1, result.NanRecoveries);
        Assert.All(flow.parameters(), p => Assert.True(p.isfinite().all().item<bool>()));
    }

    [Fact]
    public void TrainingGivesUpAfterMaxNanRecoveries()
    {
        using var data = new Data(1500, seed: 4);
        manual_seed(14);
        var flow = SmallFlow();
        var loss = NegativeLogLikelihood(flow);
        int trainingCalls = 0;

        var ex = Assert.Throws<TrainingDivergedException>(() => Trainer.Fit(flow, data.Dataset,
            batch => is_grad_enabled() && ++trainingCalls > 3 ? loss(batch) * double.NaN : loss(batch),
            Small with { MaxNanRecoveries = 2 }));

        Assert.Contains("gave up after 2 rollbacks", ex.Message);
        Assert.Equal(6, trainingCalls); // 3 good steps, then the failure and 2 failed retries
        Assert.All(flow.parameters(), p => Assert.True(p.isfinite().all().item<bool>()));
    }

    [Fact]
    public void EarlyStoppingStopsWhenValidationLossDoesNotImprove()
    {
        using var data = new Data(600, seed: 5);
        var w = new Scalar(1.0);

        var result = Trainer.Fit(w, data.Dataset, batch => w.Value.mul(0).sum() + 2.0, Small with { Epochs = 30, Patience = 3 });

        Assert.True(result.StoppedEarly);
        Assert.Equal(4, result.EpochsRun); // best at epoch 1, then 3 epochs without improvement
        Assert.Equal(1, result.BestEpoch);
        Assert.Equal(2.0, result.BestLoss, 6);
    }

    [Fact]
    public void PatienceCountsOnlyTheEpochsFromPatienceStart()
    {
        using var data = new Data(600, seed: 5);
        var w = new Scalar(1.0);

        var result = Trainer.Fit(w, data.Dataset, batch => w.Value.mul(0).sum() + 2.0, Small with { Epochs = 10, Patience = 2, PatienceStart = 0.5 });

        // Epochs 2-4 do not improve but come before half the epochs; epochs 5 and 6 exhaust the patience.
        Assert.True(result.StoppedEarly);
        Assert.Equal(6, result.EpochsRun);
        Assert.Equal(2, result.EpochsSinceBest);
    }

    [Fact]
    public void AnImprovementBelowMinImprovementCountsAgainstThePatience_YetMovesTheBestEpoch()
    {
        using var data = new Data(600, seed: 5);
        var w = new Scalar(1.0);
        double offset = 0;
        var options = Small with { Epochs = 10, Patience = 2, MinImprovement = 1e-2, Progress = p => { if (p.EpochCompleted) offset += 1e-3; } };

        // Every epoch's loss is 1e-3 below the one before.
        var result = Trainer.Fit(w, data.Dataset, batch => w.Value.mul(0).sum() + (2.0 - offset), options);

        Assert.True(result.StoppedEarly);
        Assert.Equal(3, result.EpochsRun);
        Assert.Equal(3, result.BestEpoch);
    }

    [Fact]
    public void WithoutCosineDecayTheLearningRateStaysConstant()
    {
        using var data = new Data(1000, seed: 9);
        var w = new Scalar(1.0);
        var reported = new List<double>();

        Trainer.Fit(w, data.Dataset, batch => w.Value.square().sum(), Small with { CosineDecay = false, Progress = p => reported.Add(p.LearningRate) });

        Assert.NotEmpty(reported);
        Assert.All(reported, lr => Assert.Equal(Small.LearningRate, lr));
    }

    [Fact]
    public void ValidationLossThatKeepsImprovingDoesNotStopEarly()
    {
        using var data = new Data(600, seed: 6);
        var w = new Scalar(3.0);

        var result = Trainer.Fit(w, data.Dataset, batch => w.Value.square().sum(), Small with { Epochs = 6, Patience = 1, LearningRate = 0.05 });

        Assert.False(result.StoppedEarly);
        Assert.Equal(6, result.EpochsRun);
        Assert.Equal(6, result.BestEpoch);
    }

    [Fact]
    public void TheBestValidationStateIsRestored()
    {
        using var data = new Data(600, seed: 7);
        var w = new Scalar(0.5);
        double target = 0.0;
        var endOfEpoch = new List<float>();
        var options = Small with
        {
            Epochs = 8,
            LearningRate = 0.3,
            WarmupFraction = 0,
            // Training pulls w to 0 for 3 epochs, then to 3; validation always measures w^2.
            Progress = p => { if (p.EpochCompleted) { endOfEpoch.Add(w.Value.item<float>()); target = p.Epoch >= 3 ? 3.0 : 0.0; } },
        };

        var result = Trainer.Fit(w, data.Dataset, batch => is_grad_enabled() ? (w.Value - target).square().sum() : w.Value.square().sum(), options);

        Assert.True(result.BestEpoch < options.Epochs, $"best epoch {result.BestEpoch}: w at epoch ends {string.Join(", ", endOfEpoch)}");
        Assert.Equal(endOfEpoch[result.BestEpoch - 1], w.Value.item<float>());
        Assert.True(endOfEpoch[^1] > w.Value.item<float>() + 0.5, $"training must have moved away from the best state: {string.Join(", ", endOfEpoch)}");
        Assert.Equal(result.ValidationLoss.Min(), result.BestLoss);
        Assert.Equal(result.BestLoss, result.BestValidationLoss);
    }

    [Fact]
    public void OnlyTheGivenParametersAreTrained()
    {
        using var data = new Data(600, seed: 8);
        manual_seed(15);
        var flow = SmallFlow();
        var chosen = flow.named_parameters().Where(np => np.name.Contains("steps.2")).Select(np => np.parameter).ToList();
        var before = flow.named_parameters().ToDictionary(np => np.name, np => np.parameter.data<float>().ToArray());

        Trainer.Fit(flow, data.Dataset, NegativeLogLikelihood(flow), Small with { Epochs = 1 }, chosen);

        Assert.NotEmpty(chosen);
        foreach (var (name, p) in flow.named_parameters())
        {
            bool changed = !before[name].SequenceEqual(p.data<float>().ToArray());
            Assert.True(changed == name.Contains("steps.2"), $"{name}: changed = {changed}");
        }
    }

    [Fact]
    public void TheLearningRateFollowsTheScheduleEveryStep()
    {
        using var data = new Data(1000, seed: 9);
        var w = new Scalar(1.0);
        var reported = new List<double>();
        int stepsPerEpoch = 0;
        var options = Small with { Epochs = 4, WarmupFraction = 0.25, Progress = p => { if (!p.EpochCompleted) { reported.Add(p.LearningRate); stepsPerEpoch = p.StepsPerEpoch; } } };

        Trainer.Fit(w, data.Dataset, batch => w.Value.square().sum(), options);

        long total = options.Epochs * stepsPerEpoch;
        Assert.Equal(total, reported.Count);
        for (int s = 0; s < total; s++)
            Assert.Equal(options.LearningRate * LearningRateSchedule.Factor(s, total, (long)Math.Round(0.25 * total)), reported[s], 12);
    }

    [Fact]
    public void InvalidOptionsAreRejectedBeforeTraining()
    {
        using var data = new Data(100, seed: 10);
        var w = new Scalar(1.0);
        Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Fit(w, data.Dataset, b => w.Value.sum(), Small with { BatchSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Fit(w, data.Dataset, b => w.Value.sum(), Small with { ValidationFraction = 1.0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Fit(w, data.Dataset, b => w.Value.sum(), Small with { NanLrBackoff = 1.5 }));
    }

    internal static ConditionalFlow SmallFlow() => Nsf.Create(2, 1, layers: 2, bins: 6, hidden: new[] { 16, 16 });

    internal static Func<Tensor[], Tensor> NegativeLogLikelihood(ConditionalFlow flow) => batch => flow.LogProb(batch[0], batch[1]).mean().neg();

    /// A correlated 2-D y with a 1-D context, owned by the test.
    internal sealed class Data : IDisposable
    {
        private readonly Tensor y, context;

        public Data(int n, long seed)
        {
            using var g = new Generator((ulong)seed);
            context = randn(n, 1, generator: g);
            using var noise = randn(n, 2, generator: g);
            y = noise + context;
            Dataset = new TensorDataset(y, context);
        }

        public TensorDataset Dataset { get; }

        public void Dispose()
        {
            y.Dispose();
            context.Dispose();
        }
    }

    /// A module with one scalar parameter, to steer the loss exactly.
    internal sealed class Scalar : nn.Module
    {
        private readonly Parameter value;

        public Scalar(double initial) : base(nameof(Scalar))
        {
            value = nn.Parameter(tensor(new[] { (float)initial }));
            RegisterComponents();
        }

        public Parameter Value => (Parameter)named_parameters().Single().parameter;
    }
}
