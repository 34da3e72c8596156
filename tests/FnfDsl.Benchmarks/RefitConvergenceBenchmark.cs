using System.Diagnostics;
using System.Globalization;
using FnfDsl.Analysis;
using FnfDsl.Tests.Analysis;
using FnfDsl.Training;
using ToyFnf.Dataset;
using static TorchSharp.torch;

namespace FnfDsl.Benchmarks;

/// <summary>How a DoI refit from the identity at fixed nu converges (full-batch L-BFGS), on the toy (amortized-scan's sizes).</summary>
public sealed class RefitConvergenceBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Description => "convergence of full-batch DoI refits from the identity at two nearby fixed nu (toy dataset)";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        int iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        var doiSizes = (args.Length > 1 ? args[1] : "1:2:4").Split(':');
        int history = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
        const double yield = 1500;
        var spec = ToyFixture.Spec(yield, bins: 8, hidden: [32, 32]) with { FeatureFlow = new FlowSizes(2, 8, [32, 32]) };
        spec = spec with
        {
            Doi = spec.Doi! with
            {
                Layers = int.Parse(doiSizes[0], CultureInfo.InvariantCulture),
                Bins = int.Parse(doiSizes[1], CultureInfo.InvariantCulture),
                Hidden = doiSizes[2].Split('x').Select(h => int.Parse(h, CultureInfo.InvariantCulture)).ToArray(),
            },
        };
        var table = ToyGenerator.Data(yield, yield, 77, new ToyNuisances(VariationX: 0.5));
        var data = ToyFixture.Events(table, "data", ScalarType.Float64);
        var options = new AnalysisModelOptions { Seed = 3, Dtype = ScalarType.Float64 };
        // The injected nuisances, and nu_x moved by 0.01 (a twentieth of its error): the two refits' NLLs should differ by far less than 1.
        var start = ToyFixture.Nuisances.Select(n => new ToyNuisances(VariationX: 0.5)[n]).ToArray();
        var (nominal, variations) = ToyFixture.SimulationSamples(40_000, 20_000, 101, ScalarType.Float64);
        string simulation = Path.Combine(Directory.CreateTempSubdirectory("fnfdsl-refit").FullName, "simulation.pt");
        using (var model = new AnalysisModel(spec, Normalization.Fit(nominal.Events.X, nominal.Events.Y, data.Y), options))
        {
            var train = new TrainerOptions { Epochs = 10, BatchSize = 1024, LearningRate = 3e-3, Seed = 5 };
            NominalTraining.Train(model, nominal, train);
            SystematicsTraining.Train(model, variations, train with { Epochs = 5 });
            model.Save(simulation);
        }
        foreach (var nu in new[] { start, start.Select((v, i) => i == 0 ? v + 0.01 : v).ToArray() })
        {
            var clock = Stopwatch.StartNew();
            var fit = DoiFit.Run(AnalysisModel.Load(spec, simulation, options), data,
                new DoiFitOptions { FixedNu = nu, FullBatch = new LbfgsOptions { MaxIterations = iterations, History = history, Tolerance = 1e-3 } });
            Console.WriteLine(FormattableString.Invariant($"nu_x={nu[0]:F3}: {fit.Nll:F3} after {fit.Epochs} iterations ({clock.Elapsed.TotalSeconds:F0} s), converged {fit.Converged}"));
            Console.WriteLine(string.Join(" ", fit.History.Where((_, i) => i % 100 == 99).Select(v => v.ToString("F2", CultureInfo.InvariantCulture))));
        }
        return 0;
    }
}
