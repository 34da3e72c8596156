using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Progress;
using FnfDsl.Pipeline.Stages;

namespace FnfDsl.Pipeline.Tests.Report;

/// <summary>Checkpoint files are named by what their training depends on; stale ones go, and all go when the stage ends.</summary>
public sealed class StageCheckpointsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private StageContext Context() => new(TestConfigs.Default(_folder.Path), new Sink());

    [Fact]
    public void TheNameDependsOnTheKeyAndThePrefix()
    {
        var context = Context();
        string a = StageCheckpoints.PathFor(context, "fit_", new { Seed = 1, Pass = "wide" });

        Assert.Equal(a, StageCheckpoints.PathFor(context, "fit_", new { Seed = 1, Pass = "wide" }));
        Assert.NotEqual(a, StageCheckpoints.PathFor(context, "fit_", new { Seed = 1, Pass = "focused" }));
        Assert.NotEqual(a, StageCheckpoints.PathFor(context, "fit_", new { Seed = 2, Pass = "wide" }));
        Assert.StartsWith(Path.Combine(_folder.Path, "models", "fit_"), a);
    }

    [Fact]
    public void StaleFilesGoAndTheKeptOnesWithTheirSideFilesStay()
    {
        var context = Context();
        string kept = StageCheckpoints.PathFor(context, "fit_", new { Seed = 1 });
        string stale = StageCheckpoints.PathFor(context, "fit_", new { Seed = 2 });
        string other = StageCheckpoints.PathFor(context, "amortize_", new { Seed = 2 });
        Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
        foreach (string file in new[] { kept, kept + ".state.json", stale, stale + ".state.json", other }) File.WriteAllText(file, "x");

        StageCheckpoints.DeleteStale(context, "fit_", kept);

        Assert.True(File.Exists(kept));
        Assert.True(File.Exists(kept + ".state.json"));
        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(stale + ".state.json"));
        Assert.True(File.Exists(other));

        StageCheckpoints.DeleteAll(context, "fit_");

        Assert.False(File.Exists(kept));
        Assert.False(File.Exists(kept + ".state.json"));
        Assert.True(File.Exists(other));
    }

    [Fact]
    public void NothingToDeleteBeforeTheModelsFolderExists() => StageCheckpoints.DeleteAll(Context(), "fit_");

    private sealed class Sink : IProgressSink
    {
        public IProgress<StageProgress> Track(string label) => new Progress<StageProgress>();

        public void Log(string text) { }
    }
}
