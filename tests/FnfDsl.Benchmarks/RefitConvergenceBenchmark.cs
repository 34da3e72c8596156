using System.Diagnostics;
using System.Globalization;
using FnfDsl.Analysis;
using FnfDsl.Tests.Analysis;
using FnfDsl.Training;

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
        var spec = DoiBenchToy.Spec(args.Length > 1 ? args[1] : "1:2:4");
        int history = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
        var data = DoiBenchToy.Data();
        // The injected nuisances, and nu_x moved by 0.01 (a twentieth of its error): the two refits' NLLs should differ by far less than 1.
        var start = ToyFixture.Nuisances.Select(n => DoiBenchToy.Injected[n]).ToArray();
        string dir = Directory.CreateTempSubdirectory("fnfdsl-refit").FullName, simulation = Path.Combine(dir, "simulation.pt");
        using (var model = DoiBenchToy.TrainedSimulation(spec, data)) model.Save(simulation);
        foreach (var nu in new[] { start, start.Select((v, i) => i == 0 ? v + 0.01 : v).ToArray() })
        {
            var clock = Stopwatch.StartNew();
            var fit = DoiFit.Run(AnalysisModel.Load(spec, simulation, DoiBenchToy.Options), data,
                new DoiFitOptions { FixedNu = nu, FullBatch = new LbfgsOptions { MaxIterations = iterations, History = history, Tolerance = 1e-3 } });
            Console.WriteLine(FormattableString.Invariant($"nu_x={nu[0]:F3}: {fit.Nll:F3} after {fit.Epochs} iterations ({clock.Elapsed.TotalSeconds:F0} s), converged {fit.Converged}"));
            Console.WriteLine(string.Join(" ", fit.History.Where((_, i) => i % 100 == 99).Select(v => v.ToString("F2", CultureInfo.InvariantCulture))));
        }
        try { Directory.Delete(dir, true); } catch (IOException) { }
        return 0;
    }
}
