using System.Diagnostics;
using System.Globalization;
using FnfDsl.Analysis;
using FnfDsl.Pipeline;
using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Progress;
using FnfDsl.Pipeline.Stages;
using FnfDsl.Testing.Analyses;
using FnfDsl.Testing.Synthetic;
using FnfDsl.Testing.Toy;

namespace FnfDsl.Benchmarks;

/// <summary>
/// Wall time of the whole pipeline (every stage, `run --quick` settings) on one of the test declarations: the toy on the
/// toy generator's quick samples, the three-flavour jet tagging or the diphoton resonance on synthetic inputs.
/// </summary>
public sealed class PipelineBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Description => "wall time of run --quick per stage: pipeline [toy|jets|diphoton] [nominal-per-flavour data-per-flavour] [work-dir]";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        string which = args.Length > 0 ? args[0] : "jets";
        int nominal = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
        int data = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5_000;
        string root = args.Length > 3 ? Path.GetFullPath(args[3]) : Directory.CreateTempSubdirectory("fnfdsl-pipeline-bench-").FullName;
        TorchSharp.torch.set_num_threads(1);
        AnalysisSpec spec = which switch
        {
            "toy" => ToyDeclaration.Spec,
            "jets" => JetTagging.Spec,
            "diphoton" => Diphoton.Spec,
            _ => throw new ArgumentException($"unknown analysis '{which}': use toy, jets or diphoton"),
        };
        string inputs = Path.Combine(root, "inputs");
        string manifest = which == "toy"
            ? ToyInputs.Write(new ToyConfig { NominalSize = nominal, VariationSize = nominal / 2, DataYieldA = data, DataYieldB = data }, inputs)
            : SyntheticInputs.Write(spec, inputs, new SyntheticSizes(nominal, nominal / 2, data), seed: 1);
        var config = new RunConfig(Path.Combine(root, "run"), spec, manifest, RunSettings.Quick, Seed: 1, Force: false,
            new SortedDictionary<string, string>(StringComparer.Ordinal));
        Print("analysis", which);
        Print("nominal_per_flavour", nominal);
        Print("data_per_flavour", data);
        Print("load_average_1min_at_start", LoadAverage());
        var clock = Stopwatch.StartNew();
        var outcomes = new StageRunner(new AnalysisPipeline(spec).Stages, new LineProgressDisplay(Console.Error)).Run(config);
        double total = clock.Elapsed.TotalSeconds;
        foreach (var outcome in outcomes)
            Console.WriteLine(outcome.Ran ? $"stage_seconds_{outcome.Stage}={outcome.Seconds.ToString("F1", CultureInfo.InvariantCulture)}" : $"stage_skipped_{outcome.Stage}={outcome.Reason}");
        Print("load_average_1min_at_end", LoadAverage());
        Print("pipeline_wall_seconds", total);
        return 0;
    }

    private static void Print(string name, object value) => Console.WriteLine(FormattableString.Invariant($"{name}={value}"));

    private static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}
