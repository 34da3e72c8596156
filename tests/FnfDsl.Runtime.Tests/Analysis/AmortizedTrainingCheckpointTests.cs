using FnfDsl.Analysis;
using FnfDsl.Doi;
using FnfDsl.Tests.Training;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Analysis;

/// The amortized DoI's training, killed and resumed from its checkpoint, ends exactly where the uninterrupted one ends,
/// its per-event nu draws included.
public sealed class AmortizedTrainingCheckpointTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fnfdsl-amortized-checkpoint").FullName;
    private static readonly NuBox Box = NuBox.FromIntervals([(-1.0, 1.0), (-1.0, 1.0), (-0.5, 0.5), (-0.5, 0.5)]);

    private string Checkpoint => Path.Combine(folder, "residual.ckpt");

    private static AmortizedOptions Options(string? checkpoint = null, Action<FnfDsl.Training.TrainingProgress>? progress = null)
    {
        var options = new AmortizedOptions();
        return options with { Trainer = options.Trainer with { Epochs = 6, BatchSize = 100, Seed = 4, CheckpointPath = checkpoint, Progress = progress } };
    }

    [Fact]
    public void AResumedTrainingEndsExactlyWhereTheUninterruptedOneEnds()
    {
        var (whole, wholeModel) = Train(Options());
        Assert.Throws<OperationCanceledException>(() => Train(Options(Checkpoint, Kill.AtEpoch(4))));

        var (resumed, resumedModel) = Train(Options(Checkpoint));

        Assert.Equal(whole.TrainLoss, resumed.TrainLoss);
        Assert.Equal(Residual(wholeModel), Residual(resumedModel));
    }

    public void Dispose()
    {
        try { Directory.Delete(folder, true); } catch (IOException) { }
    }

    private static (FnfDsl.Training.TrainingResult, AnalysisModel) Train(AmortizedOptions options)
    {
        var model = ToyFixture.TinyModel();
        return (AmortizedTraining.Train(model, ToyFixture.TinyData(), [], Box, options), model);
    }

    private static double[] Residual(AnalysisModel model) =>
        model.ResidualParameters().SelectMany(p => p.detach().to_type(ScalarType.Float64).contiguous().data<double>().ToArray()).ToArray();
}
