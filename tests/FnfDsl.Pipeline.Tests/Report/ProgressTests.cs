using Spectre.Console;
using FnfDsl.Pipeline.Progress;

namespace FnfDsl.Pipeline.Tests.Report;

/// <summary>Progress reports: the fraction done, one concise line per epoch when redirected, and the Spectre task adapter.</summary>
public sealed class ProgressTests
{
    [Fact]
    public void Fraction_CountsFinishedEpochsAndSteps()
    {
        Assert.Equal(0.375, new StageProgress(Epoch: 2, Epochs: 4, Step: 5, StepsPerEpoch: 10).Fraction, 12);
        Assert.Equal(1.0, new StageProgress(4, 4, 10, 10).Fraction, 12);
        Assert.Equal(0.0, new StageProgress(1, 0, 0, 0).Fraction);
    }

    [Fact]
    public void LineDisplay_PrintsOneLinePerEpochWithTheLosses()
    {
        var writer = new StringWriter();
        var display = new LineProgressDisplay(writer);

        display.RunStage("train-nominal", sink =>
        {
            var progress = sink.Track("feature flow");
            for (int epoch = 1; epoch <= 2; epoch++)
            {
                for (int step = 1; step <= 3; step++) progress.Report(new StageProgress(epoch, 2, step, 3, TrainLoss: 1.5 / epoch, LearningRate: 1e-3));
                progress.Report(new StageProgress(epoch, 2, 3, 3, TrainLoss: 1.5 / epoch, LearningRate: 1e-3, EpochCompleted: true));
                progress.Report(new StageProgress(epoch, 2, 3, 3, TrainLoss: 1.5 / epoch, LearningRate: 1e-3, EpochCompleted: true));
            }
            sink.Log("saved the flow");
        });

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("[train-nominal] feature flow: epoch 1/2  train 1.5000  lr 1.0e-03  (", lines[0]);
        Assert.StartsWith("[train-nominal] feature flow: epoch 2/2  train 0.7500  lr 1.0e-03  (", lines[1]);
        Assert.Equal("[train-nominal] saved the flow", lines[2].TrimEnd());
    }

    [Fact]
    public void Describe_ShowsOnlyTheKnownParts()
    {
        Assert.Equal("epoch 3/10  step 4/8", ProgressText.Describe(new StageProgress(3, 10, 4, 8)));
        Assert.Equal("epoch 3/10  train 0.1235  val 0.2000  lr 5.0e-04", ProgressText.Describe(new StageProgress(3, 10, 8, 8, 0.12345, 0.2, 5e-4, EpochCompleted: true)));
    }

    [Fact]
    public void TrainerReports_AreForwardedWithUnknownLossesAsNull()
    {
        var received = new List<StageProgress>();
        var callback = new CollectingProgress(received).ForTrainer();

        callback(new FnfDsl.Training.TrainingProgress(1, 3, 4, 4, 2.5, double.NaN, 1e-3, EpochCompleted: false));
        callback(new FnfDsl.Training.TrainingProgress(1, 3, 4, 4, 2.5, 2.75, 1e-3, EpochCompleted: true));

        Assert.Equal(new StageProgress(1, 3, 4, 4, 2.5, null, 1e-3, false), received[0]);
        Assert.Equal(new StageProgress(1, 3, 4, 4, 2.5, 2.75, 1e-3, true), received[1]);
    }

    [Fact]
    public void SpectreAdapter_MovesTheBarAndDescribesTheLosses()
    {
        var task = new ProgressTask(1, "fit", 1.0, autoStart: true, TimeProvider.System);
        var progress = new SpectreTaskProgress(task, "fit: DoI");

        progress.Report(new StageProgress(2, 4, 5, 10, TrainLoss: 3.25, ValLoss: 3.5));

        Assert.Equal(0.375, task.Value, 12);
        Assert.Equal("fit: DoI  epoch 2/4  step 5/10  train 3.2500  val 3.5000", task.Description);
    }

    [Fact]
    public void SpectreDisplay_RunsTheStageBodyAndStopsItsTasks()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        var display = new SpectreProgressDisplay(console);
        bool ran = false;

        display.RunStage("scan", sink =>
        {
            var progress = sink.Track("1-D scans");
            for (int point = 1; point <= 5; point++) progress.Report(new StageProgress(1, 1, point, 5));
            sink.Log("scanned 5 points");
            ran = true;
        });

        Assert.True(ran);
        Assert.Contains("[scan] scanned 5 points", output.ToString());
    }

    private sealed class CollectingProgress(List<StageProgress> received) : IProgress<StageProgress>
    {
        public void Report(StageProgress value) => received.Add(value);
    }
}
