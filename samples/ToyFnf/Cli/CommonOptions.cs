using System.CommandLine;
using System.CommandLine.Parsing;
using ToyFnf.Configuration;

namespace ToyFnf.Cli;

/// <summary>The options every ToyFnf command takes, and how they become a <see cref="RunConfig"/>.</summary>
public sealed class CommonOptions
{
    /// <summary>Default run folder.</summary>
    public const string DefaultOutDir = "out/toyfnf";

    /// <summary>--out: the run folder.</summary>
    public Option<string> Out { get; } = new("--out")
    {
        Description = "Folder of every artifact of the run (resumed if it holds earlier stages).",
        DefaultValueFactory = _ => DefaultOutDir,
    };

    /// <summary>--quick: small sizes (the default).</summary>
    public Option<bool> Quick { get; } = new("--quick") { Description = "Quick mode (default): the whole chain in about ten minutes on two cores." };

    /// <summary>--paper: the FNF paper's sizes.</summary>
    public Option<bool> Paper { get; } = new("--paper") { Description = "Paper mode: the FNF paper's sample sizes, networks and epochs." };

    /// <summary>--seed: master seed.</summary>
    public Option<int> Seed { get; } = new("--seed") { Description = "Master seed of data, initialisation and batching.", DefaultValueFactory = _ => 1 };

    /// <summary>--force: rerun even if up to date.</summary>
    public Option<bool> Force { get; } = new("--force") { Description = "Rerun the chosen stage (with 'run': every stage) even if its artifacts are up to date." };

    /// <summary>--inject: nuisances injected into the generated data.</summary>
    public Option<SortedDictionary<string, double>> Inject { get; } = new("--inject")
    {
        Description = "Nuisances injected into the generated data, e.g. nu_x=1,nu_y=-0.5 (names: nu_x, nu_y, norm_A, norm_B).",
        HelpName = "name=value,...",
        DefaultValueFactory = _ => new SortedDictionary<string, double>(StringComparer.Ordinal),
        CustomParser = ParseInjection,
    };

    /// <summary>--data-dir: existing input files instead of generated ones.</summary>
    public Option<string?> DataDir { get; } = new("--data-dir") { Description = "Folder of existing toy input files (with manifest.json) to use instead of generating them." };

    /// <summary>The options, with the checks of single values.</summary>
    public CommonOptions()
    {
        Out.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>())) result.AddError("--out must name a folder.");
        });
        Seed.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0) result.AddError("--seed must be >= 0.");
        });
    }

    /// <summary>Adds every option, and the rule that --quick and --paper exclude each other, to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (Option option in new Option[] { Out, Quick, Paper, Seed, Force, Inject, DataDir }) command.Options.Add(option);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Quick) && result.GetValue(Paper)) result.AddError("--quick and --paper cannot be used together.");
            if (result.GetValue(DataDir) is not null && result.GetValue(Inject) is { Count: > 0 })
                result.AddError("--inject applies to generated data; with --data-dir the injected values are those of the folder's manifest.");
        });
    }

    /// <summary>The run configuration that a successful parse asks for.</summary>
    public RunConfig ToConfig(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        string? dataDir = parse.GetValue(DataDir);
        return new RunConfig(
            OutDir: Path.GetFullPath(parse.GetValue(Out)!),
            Settings: parse.GetValue(Paper) ? RunSettings.Paper : RunSettings.Quick,
            Seed: parse.GetValue(Seed),
            Force: parse.GetValue(Force),
            Injected: parse.GetValue(Inject)!,
            DataDir: dataDir is null ? null : Path.GetFullPath(dataDir));
    }

    private static SortedDictionary<string, double> ParseInjection(ArgumentResult result)
    {
        try
        {
            return InjectionParser.Parse(result.Tokens.Count == 0 ? "" : result.Tokens[0].Value);
        }
        catch (FormatException e)
        {
            result.AddError(e.Message);
            return new SortedDictionary<string, double>(StringComparer.Ordinal);
        }
    }
}
