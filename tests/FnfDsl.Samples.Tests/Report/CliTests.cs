using System.CommandLine;
using ToyFnf.Cli;
using ToyFnf.Configuration;
using ToyFnf.Progress;
using ToyFnf.Stages;

namespace FnfDsl.Samples.Tests.Report;

/// <summary>The command line: one sub-command per stage plus "run", shared options, clear errors on bad input.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeStage _generate = new("generate", "data/data.txt");
    private readonly FakeStage _report = new("report", "report.txt");

    public void Dispose() => _folder.Dispose();

    private RootCommand Cli() => ToyFnfCli.Create(new StageRunner([_generate, _report], new LineProgressDisplay(TextWriter.Null)));

    private (int Exit, string Output, string Error) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = Cli().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void SubCommands_AreTheStagesAndRun()
    {
        Assert.Equal(["run", "generate", "report"], Cli().Subcommands.Select(c => c.Name));
    }

    [Fact]
    public void Defaults_AreQuickModeSeedOneAndNothingInjected()
    {
        var (exit, output, _) = Invoke("run", "--out", _folder.Path);

        Assert.Equal(0, exit);
        var config = _report.LastConfig!;
        Assert.Same(RunSettings.Quick, config.Settings);
        Assert.Equal(1, config.Seed);
        Assert.False(config.Force);
        Assert.Empty(config.Injected);
        Assert.Null(config.DataDir);
        Assert.Equal(Path.GetFullPath(_folder.Path), config.OutDir);
        Assert.Contains("generate", output);
        Assert.Contains("report", output);
    }

    [Fact]
    public void OutDefaultsToOutToyfnf()
    {
        var command = Cli();
        var parse = command.Parse(["run"]);
        var outOption = command.Subcommands[0].Options.OfType<Option<string>>().Single(o => o.Name == "--out");

        Assert.Equal(Array.Empty<string>(), parse.Errors.Select(e => e.Message));
        Assert.Equal(CommonOptions.DefaultOutDir, parse.GetValue(outOption));
    }

    [Fact]
    public void Options_ReachTheStages()
    {
        var (exit, _, _) = Invoke("generate", "--out", _folder.Path, "--paper", "--seed", "7", "--force", "--inject", "nu_x=1,nu_y=-0.5");

        Assert.Equal(0, exit);
        var config = _generate.LastConfig!;
        Assert.Same(RunSettings.Paper, config.Settings);
        Assert.Equal(7, config.Seed);
        Assert.True(config.Force);
        Assert.Equal(new Dictionary<string, double> { ["variation_x"] = 1.0, ["variation_y"] = -0.5 }, config.Injected);
        Assert.Null(config.DataDir);
        Assert.Equal(0, _report.Runs);
    }

    [Fact]
    public void DataDir_IsAFullPath()
    {
        var (exit, _, _) = Invoke("generate", "--out", _folder.Path, "--data-dir", "some/input");

        Assert.Equal(0, exit);
        Assert.Equal(Path.GetFullPath("some/input"), _generate.LastConfig!.DataDir);
    }

    [Fact]
    public void EmptyOut_IsRejected()
    {
        var (exit, _, error) = Invoke("run", "--out", " ");

        Assert.NotEqual(0, exit);
        Assert.Contains("--out must name a folder", error);
    }

    [Fact]
    public void InjectionWithExistingData_IsRejected()
    {
        var (exit, _, error) = Invoke("run", "--out", _folder.Path, "--data-dir", _folder.Path, "--inject", "nu_x=1");

        Assert.NotEqual(0, exit);
        Assert.Contains("--inject applies to generated data", error);
    }

    [Fact]
    public void NegativeSeed_IsRejected()
    {
        var (exit, _, error) = Invoke("run", "--out", _folder.Path, "--seed", "-3");

        Assert.NotEqual(0, exit);
        Assert.Contains("--seed must be >= 0", error);
    }

    [Fact]
    public void QuickAndPaper_ExcludeEachOther()
    {
        var (exit, _, error) = Invoke("run", "--out", _folder.Path, "--quick", "--paper");

        Assert.NotEqual(0, exit);
        Assert.Contains("--quick and --paper cannot be used together", error);
        Assert.Equal(0, _generate.Runs);
    }

    [Theory]
    [InlineData("nu_z=1", "unknown nuisance 'nu_z'")]
    [InlineData("nu_x=abc", "'abc' is not a finite number")]
    [InlineData("nu_x=1,nu_x=2", "variation_x is given twice")]
    [InlineData("nu_x", "expected name=value")]
    [InlineData("nu_x=NaN", "'NaN' is not a finite number")]
    public void BadInjection_IsAParseErrorThatNamesTheEntry(string value, string expected)
    {
        var (exit, _, error) = Invoke("run", "--out", _folder.Path, "--inject", value);

        Assert.NotEqual(0, exit);
        Assert.Contains("--inject entry", error);
        Assert.Contains(expected, error);
        Assert.Equal(0, _generate.Runs);
    }

    [Fact]
    public void FailingStage_ExitsWithOneAndNamesTheStage()
    {
        _report.Failure = new InvalidDataException("results/step1.json: not a valid FitSummary");

        var (exit, _, error) = Invoke("run", "--out", _folder.Path);

        Assert.Equal(1, exit);
        Assert.Contains("error: Stage 'report' failed: results/step1.json: not a valid FitSummary", error);
        Assert.DoesNotContain("   at ", error);
    }
}
