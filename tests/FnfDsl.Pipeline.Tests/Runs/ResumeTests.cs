using FnfDsl.Pipeline.Stages;
using FnfDsl.Testing.Analyses;
using FnfDsl.Pipeline.Tests.Report;

namespace FnfDsl.Pipeline.Tests.Runs;

/// <summary>A run killed inside a training stage resumes from its checkpoints to bitwise the artifacts of an uninterrupted run.</summary>
public sealed class ResumeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    // Step 1 has 3 epochs at the tiny sizes; the amortized training 2 + 2 (wide, then focused box): killed in the focused pass.
    [InlineData("fit", 2)]
    [InlineData("amortize", 3)]
    public void KilledTrainingResumesToTheSameArtifacts(string stage, int epoch)
    {
        var reference = PipelineRuns.Prepare(ToyDeclaration.Spec, _folder.File("reference"));
        var killed = reference with { OutDir = _folder.File("killed") };
        PipelineRuns.Run(reference, "profile");

        var display = new KillingDisplay(stage, epoch);
        var failure = Assert.Throws<StageFailedException>(() => PipelineRuns.Run(killed, "profile", display));
        Assert.True(display.Killed);
        Assert.Equal(stage, failure.Stage);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(killed.OutDir, "models"), "*_checkpoint_*"));
        var log = new StringWriter();
        var resumed = PipelineRuns.Run(killed, "profile", new FnfDsl.Pipeline.Progress.LineProgressDisplay(log));

        Assert.Equal(stage, resumed.First(o => o.Ran).Stage);
        // From the checkpoint, not from scratch (which, seeded, would end at the same artifacts too).
        Assert.Contains($"[{stage}] resuming", log.ToString());
        foreach (string artifact in new[] { "models/step1.pt", "models/step2.pt", "results/step1.json", "results/amortized_boxes.json", "results/step2.json" })
            Assert.True(File.ReadAllBytes(Path.Combine(reference.OutDir, artifact)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(killed.OutDir, artifact))), $"{artifact} differs");
        Assert.Empty(Directory.GetFiles(Path.Combine(killed.OutDir, "models"), "*_checkpoint_*"));
    }
}
