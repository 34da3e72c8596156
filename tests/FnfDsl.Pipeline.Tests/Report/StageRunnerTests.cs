using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Progress;
using FnfDsl.Pipeline.Stages;

namespace FnfDsl.Pipeline.Tests.Report;

/// <summary>The runner resumes instead of redoing: it skips up-to-date stages and reruns exactly what changed.</summary>
public sealed class StageRunnerTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeStage _first = new("first", "one/first.txt");
    private readonly FakeStage _second = new("second", "two/second.txt");
    private readonly StringWriter _log = new();

    public void Dispose() => _folder.Dispose();

    private StageRunner Runner() => new([_first, _second], new LineProgressDisplay(_log));

    private RunConfig Config(int seed = 1, bool force = false) => TestConfigs.Default(_folder.Path) with { Seed = seed, Force = force };

    [Fact]
    public void FirstRun_RunsEveryStageAndRecordsIt()
    {
        var outcomes = Runner().Run(Config());

        Assert.Equal([true, true], outcomes.Select(o => o.Ran));
        Assert.Equal((1, 1), (_first.Runs, _second.Runs));
        var state = StageState.Load(_folder.Path);
        Assert.Equal(["first", "second"], state.Stages.Keys);
        Assert.Equal(["one/first.txt"], state.Stages["first"].Artifacts);
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void SecondRun_SkipsStagesThatAreUpToDate()
    {
        Runner().Run(Config());

        var outcomes = Runner().Run(Config());

        Assert.Equal([false, false], outcomes.Select(o => o.Ran));
        Assert.All(outcomes, o => Assert.Equal("up to date", o.Reason));
        Assert.Equal((1, 1), (_first.Runs, _second.Runs));
        Assert.Contains("[first] skipped: up to date", _log.ToString());
    }

    [Fact]
    public void Force_RerunsEveryStageOfAFullRun()
    {
        Runner().Run(Config());

        var outcomes = Runner().Run(Config(force: true));

        Assert.Equal([true, true], outcomes.Select(o => o.Ran));
        Assert.Equal((2, 2), (_first.Runs, _second.Runs));
    }

    [Fact]
    public void Force_WithATarget_RerunsOnlyTheTarget()
    {
        Runner().Run(Config());

        var outcomes = Runner().Run(Config(force: true), target: "second");

        Assert.Equal([false, true], outcomes.Select(o => o.Ran));
        Assert.Equal((1, 2), (_first.Runs, _second.Runs));
    }

    [Fact]
    public void ChangedSetting_RerunsItsStageAndTheStagesAfterIt()
    {
        _second.Depends = _ => "nothing";
        Runner().Run(Config(seed: 1));

        var outcomes = Runner().Run(Config(seed: 2));

        Assert.Equal(["settings changed", "an earlier stage's output changed"], outcomes.Select(o => o.Reason));
        Assert.Equal((2, 2), (_first.Runs, _second.Runs));
        Assert.Equal("seed 2", File.ReadAllText(_folder.File("one/first.txt")));
    }

    [Fact]
    public void ChangedSetting_OfALaterStage_LeavesEarlierStagesAlone()
    {
        _first.Depends = _ => "nothing";
        _first.Content = _ => "fixed";
        Runner().Run(Config(seed: 1));

        var outcomes = Runner().Run(Config(seed: 2));

        Assert.Equal([false, true], outcomes.Select(o => o.Ran));
        Assert.Equal((1, 2), (_first.Runs, _second.Runs));
    }

    [Fact]
    public void RerunWithIdenticalOutput_DoesNotInvalidateLaterStages()
    {
        Runner().Run(Config());

        var outcomes = Runner().Run(Config(force: true), target: "first");
        var next = Runner().Run(Config());

        Assert.Equal([true], outcomes.Select(o => o.Ran));
        Assert.Equal([false, false], next.Select(o => o.Ran));
        Assert.Equal(1, _second.Runs);
    }

    [Fact]
    public void MissingOrModifiedArtifacts_MakeTheirStageRerun()
    {
        Runner().Run(Config());
        File.Delete(_folder.File("one/first.txt"));

        var afterDelete = Runner().Run(Config());
        File.WriteAllText(_folder.File("two/second.txt"), "edited by hand");
        var afterEdit = Runner().Run(Config());

        Assert.Equal("artifact one/first.txt is missing", afterDelete[0].Reason);
        Assert.False(afterDelete[1].Ran);
        Assert.Equal([false, true], afterEdit.Select(o => o.Ran));
        Assert.Equal("its artifacts were modified", afterEdit[1].Reason);
        Assert.Equal("seed 1", File.ReadAllText(_folder.File("two/second.txt")));
    }

    [Fact]
    public void FailingStage_LeavesEarlierArtifactsAndRecordsUntouched()
    {
        Runner().Run(Config());
        byte[] firstBytes = File.ReadAllBytes(_folder.File("one/first.txt"));
        var firstRecord = StageState.Load(_folder.Path).Stages["first"];
        _second.Depends = config => new { config.Seed, changed = true };
        _second.Failure = new InvalidOperationException("boom");

        var error = Assert.Throws<StageFailedException>(() => Runner().Run(Config()));

        Assert.Equal("second", error.Stage);
        Assert.Contains("boom", error.Message);
        Assert.Equal(firstBytes, File.ReadAllBytes(_folder.File("one/first.txt")));
        var state = StageState.Load(_folder.Path);
        Assert.Equal(FnfDsl.Pipeline.Output.ArtifactJson.Serialize(firstRecord), FnfDsl.Pipeline.Output.ArtifactJson.Serialize(state.Stages["first"]));
        Assert.False(state.Stages.ContainsKey("second"));

        _second.Failure = null;
        var resumed = Runner().Run(Config());
        Assert.Equal([false, true], resumed.Select(o => o.Ran));
        Assert.Equal(1, _first.Runs);
    }

    [Fact]
    public void StageThatDoesNotWriteAnArtifact_FailsAndIsNotRecorded()
    {
        _second.WritesArtifact = false;

        var error = Assert.Throws<StageFailedException>(() => Runner().Run(Config()));

        Assert.Equal("second", error.Stage);
        Assert.Contains("two/second.txt", error.Message);
        Assert.False(StageState.Load(_folder.Path).Stages.ContainsKey("second"));
    }

    [Fact]
    public void Target_RunsOnlyUpToIt()
    {
        var outcomes = Runner().Run(Config(), target: "first");

        Assert.Equal(["first"], outcomes.Select(o => o.Stage));
        Assert.Equal(0, _second.Runs);
    }

    [Fact]
    public void UnknownTargetOrDuplicateNames_AreRejected()
    {
        var unknown = Assert.Throws<ArgumentException>(() => Runner().Run(Config(), target: "third"));
        Assert.Contains("first, second", unknown.Message);
        Assert.Throws<ArgumentException>(() => new StageRunner([_first, new FakeStage("first", "x.txt")], new LineProgressDisplay(_log)));
    }

    [Fact]
    public void ArtifactPaths_MayNotLeaveTheRunFolder()
    {
        var escaping = new FakeStage("escape", "../outside.txt");

        var error = Assert.Throws<ArgumentException>(() => new StageRunner([_first, escaping], new LineProgressDisplay(_log)).Run(Config()));

        Assert.Contains("escape", error.Message);
        Assert.Equal(0, _first.Runs);
    }
}
