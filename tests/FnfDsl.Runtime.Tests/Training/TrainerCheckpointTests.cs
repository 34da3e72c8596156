using FnfDsl.IO;
using FnfDsl.Training;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Training;

/// A training killed after an epoch resumes from its checkpoint and ends exactly where the uninterrupted one ends.
public sealed class TrainerCheckpointTests : IDisposable
{
    private static readonly TrainerOptions Options = new() { Epochs = 6, BatchSize = 128, LearningRate = 3e-3, Seed = 4, ValidationFraction = 0.2 };
    private readonly string folder = Directory.CreateTempSubdirectory("fnfdsl-trainer-checkpoint").FullName;

    private string Checkpoint => Path.Combine(folder, "flow.ckpt");

    [Fact]
    public void AResumedTrainingEndsExactlyWhereTheUninterruptedOneEnds()
    {
        var (whole, wholeWeights) = Train(Options);
        KillDuringEpoch(Options with { CheckpointPath = Checkpoint }, epoch: 4);

        var (resumed, resumedWeights) = Train(Options with { CheckpointPath = Checkpoint });

        Assert.Equal(whole.TrainLoss, resumed.TrainLoss);
        Assert.Equal(whole.ValidationLoss, resumed.ValidationLoss);
        Assert.Equal(whole.BestEpoch, resumed.BestEpoch);
        Assert.Equal(wholeWeights, resumedWeights);
    }

    [Fact]
    public void TheBatchLossGeneratorsResumeWithIt()
    {
        // Each batch's loss is scaled by a draw of the loss's own generator, as the amortized DoI draws a nu per event.
        (TrainingResult, float[]) TrainWithDraws(TrainerOptions options)
        {
            using var data = new TrainerTests.Data(1500, seed: 1);
            using var draws = new Generator(99);
            manual_seed(11);
            var flow = TrainerTests.SmallFlow();
            var nll = TrainerTests.NegativeLogLikelihood(flow);
            var result = Trainer.Fit(flow, data.Dataset, batch => nll(batch).mul(rand(1, generator: draws).add(0.5).squeeze()), options, generators: [draws]);
            return (result, flow.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray());
        }
        var options = Options with { ValidationFraction = 0 };
        var (whole, wholeWeights) = TrainWithDraws(options);
        Assert.Throws<OperationCanceledException>(() => TrainWithDraws(options with
        {
            CheckpointPath = Checkpoint,
            Progress = Kill.AtEpoch(4),
        }));

        var (resumed, resumedWeights) = TrainWithDraws(options with { CheckpointPath = Checkpoint });

        Assert.Equal(whole.TrainLoss, resumed.TrainLoss);
        Assert.Equal(wholeWeights, resumedWeights);
    }

    [Fact]
    public void ATrainingThatHadStoppedEarlyStaysStopped()
    {
        // The loss never improves after epoch 1: with a patience of 2 the run stops after epoch 3 of 30.
        using var data = new TrainerTests.Data(600, seed: 5);
        var options = Options with { Epochs = 30, Patience = 2, CheckpointPath = Checkpoint };
        TrainingResult Run()
        {
            var w = new TrainerTests.Scalar(1.0);
            return Trainer.Fit(w, data.Dataset, batch => w.Value.mul(0).sum() + 2.0, options);
        }
        var first = Run();
        Assert.True(first.StoppedEarly);
        Assert.Equal(3, first.EpochsRun);

        var again = Run();

        Assert.True(again.StoppedEarly);
        Assert.Equal(3, again.EpochsRun);
    }

    [Fact]
    public void ACheckpointWithAFileThatDoesNotMatchItsStateIsIgnored()
    {
        var (whole, wholeWeights) = Train(Options);
        KillDuringEpoch(Options with { CheckpointPath = Checkpoint }, epoch: 4);
        File.AppendAllText(TrainingCheckpoint.BestPath(Checkpoint), "x");

        var (restarted, restartedWeights) = Train(Options with { CheckpointPath = Checkpoint });

        Assert.Equal(whole.TrainLoss, restarted.TrainLoss);
        Assert.Equal(wholeWeights, restartedWeights);
    }

    [Fact]
    public void AnotherTrainingsCheckpointIsRefusedWithItsFileNamed()
    {
        KillDuringEpoch(Options with { CheckpointPath = Checkpoint }, epoch: 2);

        var error = Assert.Throws<ModelFileException>(() => Train(Options with { CheckpointPath = Checkpoint, LearningRate = 1e-2 }));

        Assert.Equal(TrainingCheckpoint.StatePath(Checkpoint), error.File);
        Assert.Contains("another training", error.Message);
    }

    public void Dispose()
    {
        try { Directory.Delete(folder, true); } catch (IOException) { }
    }

    private static (TrainingResult, float[]) Train(TrainerOptions options)
    {
        using var data = new TrainerTests.Data(1500, seed: 1);
        manual_seed(11);
        var flow = TrainerTests.SmallFlow();
        var result = Trainer.Fit(flow, data.Dataset, TrainerTests.NegativeLogLikelihood(flow), options);
        return (result, flow.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray());
    }

    // Trains with checkpoints and kills the run (an exception from the progress callback) at the first step of the epoch.
    private static void KillDuringEpoch(TrainerOptions options, int epoch) =>
        Assert.Throws<OperationCanceledException>(() => Train(options with
        {
            Progress = Kill.AtEpoch(epoch),
        }));
}
