using FnfDsl.Flows;
using FnfDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Training;

/// Trained flows reach the true density: held-out NLL within 0.03 nats/event of the true density's NLL on the same events.
public class FlowLearningTests
{
    private const double Tolerance = 0.03;

    [Fact]
    public void UnconditionalNsfLearnsACorrelatedGaussian()
    {
        // y ~ N(mu, Sigma), sigma = (1.5, 0.6), rho = 0.8.
        double[] mu = { 1.0, -0.5 };
        double s1 = 1.5, s2 = 0.6, rho = 0.8;
        using var g = new Generator(41);
        using var scope = NewDisposeScope();
        Tensor Draw(int n)
        {
            var z = randn(n, 2, generator: g);
            var y1 = z.select(1, 0) * s1 + mu[0];
            var y2 = (z.select(1, 0) * rho + z.select(1, 1) * Math.Sqrt(1 - rho * rho)) * s2 + mu[1];
            return stack(new[] { y1, y2 }, 1);
        }
        Tensor TrueNll(Tensor y)
        {
            var u1 = (y.select(1, 0) - mu[0]) / s1;
            var u2 = (y.select(1, 1) - mu[1]) / s2;
            var quadratic = (u1.square() - 2 * rho * u1 * u2 + u2.square()) / (1 - rho * rho);
            return 0.5 * quadratic + Math.Log(2 * Math.PI * s1 * s2 * Math.Sqrt(1 - rho * rho));
        }
        var train = Draw(30000).DetachFromDisposeScope();
        var test = Draw(10000);

        manual_seed(42);
        var flow = Nsf.Create(2, 0, layers: 2, bins: 8, hidden: new[] { 32, 32 }, preprocessing: Standardize.Fit(train));
        var result = Trainer.Fit(flow, new TensorDataset(train), b => flow.LogProb(b[0]).mean().neg(),
            new TrainerOptions { Epochs = 8, BatchSize = 256, LearningRate = 3e-3, Seed = 43 });
        train.Dispose();

        double modelNll = Chunking.LogProb(flow, test).neg().mean().item<float>();
        double trueNll = TrueNll(test).mean().item<float>();
        Console.WriteLine($"unconditional: held-out NLL {modelNll:F4}, true {trueNll:F4}, gap {modelNll - trueNll:F4}");
        Assert.True(modelNll - trueNll < Tolerance, $"held-out NLL {modelNll:F4} vs true {trueNll:F4} (best epoch {result.BestEpoch})");
    }

    [Fact]
    public void ConditionalNsfLearnsAGaussianWhoseMeanFollowsTheContext()
    {
        // c ~ U(-2, 2); y | c ~ N((1.5 c, sin(c)), diag(0.5^2, 0.3^2)).
        using var g = new Generator(51);
        using var scope = NewDisposeScope();
        (Tensor Y, Tensor C) Draw(int n)
        {
            var c = rand(n, 1, generator: g).mul_(4).sub_(2);
            var z = randn(n, 2, generator: g);
            var y = stack(new[] { c.squeeze(1) * 1.5 + z.select(1, 0) * 0.5, c.squeeze(1).sin() + z.select(1, 1) * 0.3 }, 1);
            return (y, c);
        }
        Tensor TrueNll(Tensor y, Tensor c)
        {
            var u1 = (y.select(1, 0) - c.squeeze(1) * 1.5) / 0.5;
            var u2 = (y.select(1, 1) - c.squeeze(1).sin()) / 0.3;
            return 0.5 * (u1.square() + u2.square()) + Math.Log(2 * Math.PI * 0.5 * 0.3);
        }
        var (yTrain, cTrain) = Draw(30000);
        yTrain.DetachFromDisposeScope();
        cTrain.DetachFromDisposeScope();
        var (yTest, cTest) = Draw(10000);

        manual_seed(52);
        var flow = Nsf.Create(2, 1, layers: 2, bins: 8, hidden: new[] { 32, 32 }, preprocessing: Standardize.Fit(yTrain));
        var result = Trainer.Fit(flow, new TensorDataset(yTrain, cTrain), b => flow.LogProb(b[0], b[1]).mean().neg(),
            new TrainerOptions { Epochs = 8, BatchSize = 256, LearningRate = 3e-3, Seed = 53 });
        yTrain.Dispose();
        cTrain.Dispose();

        double modelNll = Chunking.LogProb(flow, yTest, cTest).neg().mean().item<float>();
        double trueNll = TrueNll(yTest, cTest).mean().item<float>();
        Console.WriteLine($"conditional: held-out NLL {modelNll:F4}, true {trueNll:F4}, gap {modelNll - trueNll:F4}");
        Assert.True(modelNll - trueNll < Tolerance, $"held-out NLL {modelNll:F4} vs true {trueNll:F4} (best epoch {result.BestEpoch})");
    }
}
