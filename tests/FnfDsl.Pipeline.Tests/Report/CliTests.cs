using System.CommandLine;
using FnfDsl.Pipeline.Cli;
using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Progress;
using FnfDsl.Testing.Analyses;

namespace FnfDsl.Pipeline.Tests.Report;

/// <summary>The command line: "run", "validate" and one sub-command per stage, shared options, exit codes that tell bad input (2) from a failed stage (1).</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeStage _generate = new("generate", "data/data.txt");
    private readonly FakeStage _report = new("report", "report.txt");

    public void Dispose() => _folder.Dispose();

    private AnalysisPipeline Pipeline(bool generated = true)
    {
        var pipeline = new AnalysisPipeline(ToyDeclaration.Spec) { Title = "Test" };
        pipeline.Stages.Clear();
        pipeline.Stages.AddRange([_generate, _report]);
        pipeline.Options.Add(new ExtraOption("inject", "Injected nuisances."));
        // The fake stages need no inputs: a generator-style pipeline takes its manifest path from the run folder.
        if (generated) pipeline.GeneratedInputs = outDir => TestConfigs.Default(outDir).InputsPath;
        return pipeline;
    }

    private RootCommand Cli(bool generated = true) => AnalysisCli.Create(Pipeline(generated), new LineProgressDisplay(TextWriter.Null));

    private (int Exit, string Output, string Error) Invoke(params string[] args) => InvokeOn(Cli(), args);

    private static (int Exit, string Output, string Error) InvokeOn(RootCommand cli, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = cli.Parse(args);
        int exit = parse.Errors.Count > 0 ? AnalysisCli.BadInput : parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        foreach (var e in parse.Errors) error.WriteLine(e.Message);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void SubCommands_AreRunValidateAndTheStages()
    {
        Assert.Equal(["run", "validate", "generate", "report"], Cli().Subcommands.Select(c => c.Name));
    }

    [Fact]
    public void Help_ListsTheStagesWithWhatTheyWrite()
    {
        Assert.Contains("generate", Cli().Description);
        Assert.Contains("writes data/data.txt", Cli().Description);
    }

    [Fact]
    public void Defaults_AreQuickModeSeedOneAndNoOptions()
    {
        var (exit, output, _) = Invoke("run", "--out", _folder.Path);

        Assert.Equal(0, exit);
        var config = _report.LastConfig!;
        Assert.Same(RunSettings.Quick, config.Settings);
        Assert.Equal(1, config.Seed);
        Assert.False(config.Force);
        Assert.Empty(config.Options);
        Assert.Same(ToyDeclaration.Spec, config.Analysis);
        Assert.Equal(Path.GetFullPath(_folder.Path), config.OutDir);
        Assert.Contains("generate", output);
        Assert.Contains("report", output);
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
        Assert.Equal("nu_x=1,nu_y=-0.5", config.Option("inject"));
        Assert.Equal(0, _report.Runs);
    }

    [Fact]
    public void SettingsFile_OverridesThePreset_AndIsRecordedAsCustom()
    {
        string settings = _folder.File("settings.json");
        File.WriteAllText(settings, """{ "nominalTraining": { "epochs": 60 }, "scans": { "points1D": 21 } }""");

        var (exit, _, error) = Invoke("run", "--out", _folder.File("run"), "--settings", settings);

        Assert.True(exit == 0, error);
        var used = _report.LastConfig!.Settings;
        Assert.Equal("custom", used.Mode);
        Assert.Equal(60, used.NominalTraining.Epochs);
        Assert.Equal(RunSettings.Quick.NominalTraining.BatchSize, used.NominalTraining.BatchSize);
        Assert.Equal(21, used.Scans.Points1D);
        Assert.Equal(RunSettings.Quick.Scans.Points2D, used.Scans.Points2D);
    }

    [Fact]
    public void SettingsFile_WithAnUnknownName_IsBadInputNamingIt()
    {
        string settings = _folder.File("settings.json");
        File.WriteAllText(settings, """{ "nominalTraining": { "epoch": 60 } }""");

        var (exit, _, error) = Invoke("run", "--out", _folder.File("run"), "--settings", settings);

        Assert.Equal(AnalysisCli.BadInput, exit);
        Assert.Contains("settings.json: unknown setting 'nominalTraining.epoch'", error);
        Assert.Equal(0, _generate.Runs);
    }

    [Fact]
    public void MissingInputs_AreRequiredWhenNoStageGeneratesThem()
    {
        var (exit, _, error) = InvokeOn(Cli(generated: false), "run", "--out", _folder.Path);

        Assert.Equal(AnalysisCli.BadInput, exit);
        Assert.Contains("--inputs is required", error);
        Assert.Equal(0, _generate.Runs);
    }

    [Fact]
    public void OutInsideTheInputsFolder_IsRefusedBeforeAnythingIsWritten()
    {
        string inputs = TestConfigs.Default(_folder.File("run")).InputsPath;
        string outDir = Path.Combine(Path.GetDirectoryName(inputs)!, "out");

        var (exit, _, error) = InvokeOn(Cli(generated: false), "run", "--inputs", inputs, "--out", outDir);

        Assert.Equal(AnalysisCli.BadInput, exit);
        Assert.Contains("outputs are never written among the inputs", error);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void EmptyOut_IsRejected()
    {
        var (exit, _, error) = Invoke("run", "--out", " ");

        Assert.Equal(AnalysisCli.BadInput, exit);
        Assert.Contains("--out must name a folder", error);
    }

    [Fact]
    public void NegativeSeed_IsRejected()
    {
        var (exit, _, error) = Invoke("run", "--out", _folder.Path, "--seed", "-3");

        Assert.Equal(AnalysisCli.BadInput, exit);
        Assert.Contains("--seed must be >= 0", error);
    }

    [Fact]
    public void QuickAndPaper_ExcludeEachOther()
    {
        var (exit, _, error) = Invoke("run", "--out", _folder.Path, "--quick", "--paper");

        Assert.Equal(AnalysisCli.BadInput, exit);
        Assert.Contains("--quick and --paper cannot be used together", error);
        Assert.Equal(0, _generate.Runs);
    }

    [Fact]
    public void FailingStage_ExitsWithOneAndNamesTheStage()
    {
        _report.Failure = new InvalidOperationException("results/step1.json: the fit diverged");

        var (exit, _, error) = Invoke("run", "--out", _folder.Path);

        Assert.Equal(AnalysisCli.StageFailed, exit);
        Assert.Contains("error: Stage 'report' failed: results/step1.json: the fit diverged", error);
    }

    [Fact]
    public void StageFailingOnBadInput_ExitsWithTwo()
    {
        _report.Failure = new InvalidDataException("results/step1.json: not a valid FitSummary");

        var (exit, _, error) = Invoke("run", "--out", _folder.Path);

        Assert.Equal(AnalysisCli.BadInput, exit);
        Assert.Contains("not a valid FitSummary", error);
        Assert.DoesNotContain("   at ", error);
    }
}
