using System.CommandLine;
using System.Globalization;
using FnfDsl.Pipeline.Inputs;
using FnfDsl.Pipeline.Progress;
using FnfDsl.Pipeline.Stages;
using FnfDsl.Tables;

namespace FnfDsl.Pipeline.Cli;

/// <summary>
/// The command line of an analysis pipeline (System.CommandLine): "run" for every stage, one sub-command per stage
/// (running the stages before it as needed), and "validate" for the input check alone. Exit codes: 0 success, 2 bad
/// input (options, manifest, files, settings), 1 a stage failed.
/// </summary>
public static class AnalysisCli
{
    /// <summary>Name of the sub-command that runs every stage.</summary>
    public const string RunCommandName = "run";

    /// <summary>Name of the sub-command that only checks the inputs.</summary>
    public const string ValidateCommandName = "validate";

    /// <summary>Exit code of a successful command.</summary>
    public const int Success = 0;

    /// <summary>Exit code of a failed stage.</summary>
    public const int StageFailed = 1;

    /// <summary>Exit code of bad input: options, manifest, input files or settings.</summary>
    public const int BadInput = 2;

    /// <summary>Parses <paramref name="args"/> and runs the command of <paramref name="pipeline"/>, with progress on the console.</summary>
    public static int Run(AnalysisPipeline pipeline, string[] args, IProgressDisplay? display = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(args);
        // One intra-op thread: the tensors of an event batch are small, and on a shared machine libtorch's spinning OpenMP
        // workers made every step several times slower (8x measured on two loaded cores).
        TorchSharp.torch.set_num_threads(1);
        var parse = Create(pipeline, display ?? ConsoleProgressDisplay.Create()).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
            return BadInput;
        }
        return parse.Invoke();
    }

    /// <summary>The root command of <paramref name="pipeline"/>.</summary>
    public static RootCommand Create(AnalysisPipeline pipeline, IProgressDisplay display)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(display);
        var runner = new StageRunner(pipeline.Stages, display);
        var options = new CommonOptions(pipeline);
        var root = new RootCommand(
            $"{pipeline.Title}: the FnfDsl pipeline of the analysis. A stage's command runs the stages before it as needed; " +
            "finished stages are skipped unless --force. Stages:" + Environment.NewLine +
            string.Join(Environment.NewLine, pipeline.Stages.Select(s => $"  {s.Name,-18} {s.Description}")));

        var run = new Command(RunCommandName, "Run every stage in order: " + string.Join(", ", pipeline.Stages.Select(s => s.Name)) + ".");
        options.AddTo(run);
        run.SetAction(parse => Execute(parse, options, pipeline, runner, target: null));
        root.Subcommands.Add(run);

        var validate = new Command(ValidateCommandName, "Check the input manifest and every file it names against the declaration; writes nothing.");
        options.AddTo(validate);
        validate.SetAction(parse => Validate(parse, options));
        root.Subcommands.Add(validate);

        foreach (var stage in pipeline.Stages)
        {
            var command = new Command(stage.Name, stage.Description);
            options.AddTo(command);
            command.SetAction(parse => Execute(parse, options, pipeline, runner, stage.Name));
            root.Subcommands.Add(command);
        }
        return root;
    }

    private static int Validate(ParseResult parse, CommonOptions options)
    {
        try
        {
            var config = options.ToConfig(parse);
            var inputs = AnalysisInputs.Load(config.Analysis, config.InputsPath);
            parse.InvocationConfiguration.Output.WriteLine(
                $"{config.InputsPath}: inputs valid for {config.Analysis.Name} ({AnalysisInputs.FilesOf(inputs.Manifest).Distinct().Count()} files).");
            return Success;
        }
        catch (Exception e) when (IsInputError(e))
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
    }

    private static int Execute(ParseResult parse, CommonOptions options, AnalysisPipeline pipeline, StageRunner runner, string? target)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        Configuration.RunConfig config;
        try
        {
            config = options.ToConfig(parse);
            // Given inputs are checked before anything is written; generated ones by the first stage that reads them.
            if (!options.InputsGenerated(parse)) AnalysisInputs.Load(config.Analysis, config.InputsPath);
        }
        catch (Exception e) when (IsInputError(e))
        {
            error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        try
        {
            var outcomes = runner.Run(config, target);
            output.WriteLine($"{pipeline.Title} {config.Settings.Mode} run in {config.OutDir}:");
            foreach (var outcome in outcomes)
            {
                string seconds = outcome.Seconds.ToString("F1", CultureInfo.InvariantCulture);
                output.WriteLine($"  {outcome.Stage,-18} {(outcome.Ran ? "ran" : "skipped"),-8} {seconds,8} s  ({outcome.Reason})");
            }
            return Success;
        }
        catch (StageFailedException e) when (IsInputError(e.InnerException!))
        {
            error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (StageFailedException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine(e.InnerException);
            return StageFailed;
        }
        catch (Exception e) when (IsInputError(e))
        {
            error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
    }

    /// <summary>Errors about the user's input or files, whose message says everything (no stack trace needed).</summary>
    private static bool IsInputError(Exception e) =>
        e is InputValidationException or DataFileException or ArgumentException or FormatException or FileNotFoundException or InvalidDataException;
}
