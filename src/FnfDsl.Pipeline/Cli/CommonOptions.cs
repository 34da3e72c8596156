using System.CommandLine;
using FnfDsl.Pipeline.Configuration;

namespace FnfDsl.Pipeline.Cli;

/// <summary>The options every command of a pipeline takes, and how they become a <see cref="RunConfig"/>.</summary>
public sealed class CommonOptions
{
    private readonly AnalysisPipeline _pipeline;
    private readonly List<(string Name, Option<string?> Option)> _extras;

    /// <summary>The options of <paramref name="pipeline"/>, with the checks of single values.</summary>
    public CommonOptions(AnalysisPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _pipeline = pipeline;
        Inputs = new Option<string?>("--inputs")
        {
            Description = pipeline.GeneratedInputs is null
                ? "The input manifest (JSON, docs/inputs.md): simulation, variation and data files."
                : "The input manifest (JSON, docs/inputs.md); without it, a stage of this pipeline generates the inputs.",
            HelpName = "inputs.json",
        };
        Out.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>())) result.AddError("--out must name a folder.");
        });
        Seed.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0) result.AddError("--seed must be >= 0.");
        });
        _extras = pipeline.Options.Select(o => (o.Name, new Option<string?>("--" + o.Name) { Description = o.Description })).ToList();
    }

    /// <summary>--inputs: the input manifest.</summary>
    public Option<string?> Inputs { get; }

    /// <summary>--out: the run folder.</summary>
    public Option<string> Out { get; } = new("--out")
    {
        Description = "Folder of every artifact of the run (resumed if it holds earlier stages); never inside the inputs' folder.",
        DefaultValueFactory = _ => "out",
    };

    /// <summary>--quick: small sizes (the default).</summary>
    public Option<bool> Quick { get; } = new("--quick") { Description = "Quick preset (default): small networks and few epochs, the whole chain in minutes." };

    /// <summary>--paper: the declared networks with the paper's schedules.</summary>
    public Option<bool> Paper { get; } = new("--paper") { Description = "Paper preset: the declaration's networks with the FNF paper's epochs and grids." };

    /// <summary>--settings: a JSON file overriding parts of the preset.</summary>
    public Option<string?> Settings { get; } = new("--settings") { Description = "JSON file overriding parts of the preset (names as in results.json's \"settings\").", HelpName = "settings.json" };

    /// <summary>--seed: master seed.</summary>
    public Option<int> Seed { get; } = new("--seed") { Description = "Master seed of initialisation, batching, bootstrap and pseudo-data.", DefaultValueFactory = _ => 1 };

    /// <summary>--force: rerun even if up to date.</summary>
    public Option<bool> Force { get; } = new("--force") { Description = "Rerun the chosen stage (with 'run': every stage) even if its artifacts are up to date." };

    /// <summary>Adds every option, and the rule that --quick and --paper exclude each other, to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (Option option in new Option[] { Inputs, Out, Quick, Paper, Settings, Seed, Force }.Concat(_extras.Select(e => e.Option))) command.Options.Add(option);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Quick) && result.GetValue(Paper)) result.AddError("--quick and --paper cannot be used together.");
            if (result.GetValue(Inputs) is null && _pipeline.GeneratedInputs is null) result.AddError("--inputs is required: name the input manifest (docs/inputs.md).");
        });
    }

    /// <summary>True when no --inputs was given and a stage of the pipeline generates them.</summary>
    public bool InputsGenerated(ParseResult parse) => parse.GetValue(Inputs) is null;

    /// <summary>The run configuration that a successful parse asks for; a bad settings file or output folder is an error naming it.</summary>
    public RunConfig ToConfig(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        string outDir = Path.GetFullPath(parse.GetValue(Out)!);
        string inputs = parse.GetValue(Inputs) is { } given ? Path.GetFullPath(given) : Path.GetFullPath(_pipeline.GeneratedInputs!(outDir));
        if (parse.GetValue(Inputs) is not null)
        {
            string folder = Path.GetDirectoryName(inputs)!;
            if (IsInside(outDir, folder))
                throw new ArgumentException($"--out {outDir} is inside the inputs' folder {folder}: outputs are never written among the inputs.");
        }
        var preset = parse.GetValue(Paper) ? RunSettings.Paper : RunSettings.Quick;
        var settings = parse.GetValue(Settings) is { } file ? SettingsFile.Apply(preset, Path.GetFullPath(file)) : preset;
        var extras = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, option) in _extras)
            if (parse.GetValue(option) is { } value) extras[name] = value;
        return new RunConfig(outDir, _pipeline.Analysis, inputs, settings, parse.GetValue(Seed), parse.GetValue(Force), extras);
    }

    private static bool IsInside(string path, string folder)
    {
        string relative = Path.GetRelativePath(folder, path);
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }
}
