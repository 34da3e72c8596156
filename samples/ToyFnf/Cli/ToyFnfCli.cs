using System.CommandLine;
using System.Globalization;
using ToyFnf.Stages;

namespace ToyFnf.Cli;

/// <summary>The ToyFnf command line: one sub-command per registered stage, and "run" for all of them.</summary>
public static class ToyFnfCli
{
    /// <summary>Name of the sub-command that runs every stage.</summary>
    public const string RunCommandName = "run";

    /// <summary>The root command over the stages of <paramref name="runner"/>; a stage's sub-command also runs the stages before it when they are not up to date.</summary>
    public static RootCommand Create(StageRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var options = new CommonOptions();
        var root = new RootCommand(
            "ToyFnf: the end-to-end FNF example on the two-flavour toy dataset. A stage's command runs the stages " +
            "before it as needed; finished stages are skipped unless --force.");

        var run = new Command(RunCommandName, "Run every stage in order: " + string.Join(", ", runner.Stages.Select(s => s.Name)) + ".");
        options.AddTo(run);
        run.SetAction(parse => Execute(parse, options, runner, target: null));
        root.Subcommands.Add(run);

        foreach (var stage in runner.Stages)
        {
            var command = new Command(stage.Name, stage.Description);
            options.AddTo(command);
            command.SetAction(parse => Execute(parse, options, runner, stage.Name));
            root.Subcommands.Add(command);
        }
        return root;
    }

    private static int Execute(ParseResult parse, CommonOptions options, StageRunner runner, string? target)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var config = options.ToConfig(parse);
        try
        {
            var outcomes = runner.Run(config, target);
            output.WriteLine($"ToyFnf {config.Settings.Mode} run in {config.OutDir}:");
            foreach (var outcome in outcomes)
            {
                string seconds = outcome.Seconds.ToString("F1", CultureInfo.InvariantCulture);
                output.WriteLine($"  {outcome.Stage,-18} {(outcome.Ran ? "ran" : "skipped"),-8} {seconds,8} s  ({outcome.Reason})");
            }
            return 0;
        }
        catch (StageFailedException e)
        {
            error.WriteLine($"error: {e.Message}");
            if (!IsInputError(e.InnerException!)) error.WriteLine(e.InnerException);
            return 1;
        }
        catch (Exception e) when (IsInputError(e))
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    /// <summary>Errors about the user's input or files, whose message says everything (no stack trace needed).</summary>
    private static bool IsInputError(Exception e) =>
        e is ArgumentException or FormatException or IOException or InvalidDataException or UnauthorizedAccessException or ToyFnf.Dataset.DataFileException;
}
