using FnfDsl.Analysis;
using FnfDsl.Tests.Training;
using FnfDsl.Training;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Analysis;

/// A step-1 fit killed after an epoch resumes from its checkpoint and ends exactly where the uninterrupted fit ends.
public sealed class DoiFitCheckpointTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fnfdsl-checkpoint").FullName;
    private static readonly DoiFitOptions Options = new() { Epochs = 8, BatchSize = 100, DoiLearningRate = 1e-2, Seed = 1, RefineParameters = false };

    private string Checkpoint => Path.Combine(folder, "step1.pt");

    [Fact]
    public void AResumedFitEndsExactlyWhereTheUninterruptedOneEnds()
    {
        var (whole, wholeModel) = Fit(Options);
        KillDuringEpoch(5);

        var (resumed, resumedModel) = Fit(Options with { CheckpointPath = Checkpoint });

        Assert.Equal(whole.History, resumed.History);
        Assert.Equal(whole.Nll, resumed.Nll);
        Assert.Equal(whole.Nu, resumed.Nu);
        Assert.Equal(whole.Epochs, resumed.Epochs);
        Assert.Equal(DoiWeights(wholeModel), DoiWeights(resumedModel));
    }

    [Fact]
    public void TheCheckpointKeepsTheBestEpochsWeights()
    {
        // Learning rates high enough, and constant, for the NLL to bounce: the best of the four completed epochs is not the last.
        var bouncing = Options with { CosineDecay = false, DoiLearningRate = 0.3, NuisanceLearningRate = 0.3 };
        var killed = KillDuringEpoch(5, bouncing);
        var history = System.Text.Json.JsonSerializer.Deserialize<TrainingCheckpointState>(File.ReadAllText(TrainingCheckpoint.StatePath(Checkpoint)))!.History;
        Assert.Equal(4, history.Length);
        Assert.NotEqual(3, Array.IndexOf(history, history.Min()));

        // Resumed with nothing left to run, the fit ends on the weights of the best completed epoch: those the killed fit
        // ended on, not those of the last epoch the checkpoint's model file holds.
        var (_, resumedModel) = Fit(bouncing with { Epochs = 4, CheckpointPath = Checkpoint });

        Assert.Equal(DoiWeights(killed), DoiWeights(resumedModel));
    }

    [Fact]
    public void ACheckpointWithAFileThatDoesNotMatchItsStateIsIgnored()
    {
        var (whole, _) = Fit(Options);
        KillDuringEpoch(5);
        // As if the fit had died while writing the optimiser's state: its hash no longer matches the state's.
        File.AppendAllText(TrainingCheckpoint.OptimizerPath(Checkpoint), "x");

        var (restarted, _) = Fit(Options with { CheckpointPath = Checkpoint });

        Assert.Equal(whole.History, restarted.History);
    }

    public void Dispose()
    {
        try { Directory.Delete(folder, true); } catch (IOException) { }
    }

    // Runs the fit with checkpoints and kills it (an exception from the progress callback) at the first step of the epoch.
    private AnalysisModel KillDuringEpoch(int epoch, DoiFitOptions? options = null)
    {
        var model = ToyFixture.TinyModel();
        Assert.Throws<OperationCanceledException>(() => DoiFit.Run(model, ToyFixture.TinyData(), (options ?? Options) with { CheckpointPath = Checkpoint, Progress = Kill.AtEpoch(epoch) }));
        Assert.True(File.Exists(TrainingCheckpoint.StatePath(Checkpoint)));
        return model;
    }

    private static (DoiFitResult, AnalysisModel) Fit(DoiFitOptions options)
    {
        var model = ToyFixture.TinyModel();
        return (DoiFit.Run(model, ToyFixture.TinyData(), options), model);
    }

    private static double[] DoiWeights(AnalysisModel model) =>
        model.DoiParameters().SelectMany(p => p.detach().to_type(ScalarType.Float64).contiguous().data<double>().ToArray()).ToArray();
}
