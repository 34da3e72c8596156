using FnfDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Training;

/// Runs alone: Tensor.TotalCount counts the tensors of every thread.
[CollectionDefinition(nameof(NoLeakTests), DisableParallelization = true)]
public sealed class NoLeakCollection { }

/// Training allocates nothing that outlives a step.
[Collection(nameof(NoLeakTests))]
public class NoLeakTests
{
    [Fact]
    public void LiveTensorCountDoesNotGrowOver200TrainingSteps()
    {
        // Earlier tests' undisposed tensors would otherwise be finalized mid-run and lower Tensor.TotalCount.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var data = new TrainerTests.Data(2000, seed: 20);
        manual_seed(21);
        var flow = TrainerTests.SmallFlow();
        var threadLive = new List<long>();
        var total = new List<long>();
        var options = new TrainerOptions
        {
            Epochs = 9, BatchSize = 64, Seed = 1,
            Progress = p =>
            {
                if (p.EpochCompleted) return;
                // Where the totals are compared, garbage tensors are finalized first: a finalizer run between the two
                // readings would otherwise lower the second one (seen in CI), and only live tensors are counted.
                if (threadLive.Count is 20 or 220)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                }
                threadLive.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
                total.Add(Tensor.TotalCount);
            },
        };

        Trainer.Fit(flow, data.Dataset, TrainerTests.NegativeLogLikelihood(flow), options);

        Assert.True(threadLive.Count >= 240, $"only {threadLive.Count} steps ran");
        // After a 20-step warm-up (optimizer state exists), the counts stay flat for 200 steps, across epoch ends and validation.
        Assert.Equal(threadLive[20], threadLive[220]);
        Assert.Equal(total[20], total[220]);
        Assert.Equal(threadLive[20], threadLive.Skip(20).Take(201).Max());
    }
}
