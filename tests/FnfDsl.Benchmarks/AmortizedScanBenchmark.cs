using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FnfDsl.Analysis;
using FnfDsl.Doi;
using FnfDsl.Profiling;
using FnfDsl.Tests.Analysis;
using FnfDsl.Training;
using FnfDsl.Testing.Toy;
using FnfDsl.Tables;
using static TorchSharp.torch;

namespace FnfDsl.Benchmarks;

/// <summary>
/// A 21x21 2-D profile scan (variation_x x variation_y, the rate nuisances minimised at every point) with the amortized
/// DoI, against 441 per-point DoI refits, timed from real refits in the same run (method.md section 4).
/// </summary>
/// <remarks>
/// The refit at a point is a step-1 fit of a DoI from its identity start with every nuisance held at that point's
/// profiled values (the rate nuisances at the amortized optimum), which is what a scan without amortization repeats
/// at each of the 441 points. dNLL is taken relative to nu_hat for both methods (the refit at nu_hat is also from scratch).
/// Also printed: how far two refits at nu_hat with different shuffles differ (the refit's own reproducibility), the cost
/// of one pass with and without R, and the agreement with warm refits (T fine-tuned from T_hat at the fixed nu).
/// Arguments: number of timed refits (default 3), an optional folder that keeps the trained models between runs (one
/// folder per DoI size), full-batch steps of a refit (0, default: step 1's minibatch recipe) or "lbfgs" (step 1 and the refits
/// by full-batch L-BFGS, <see cref="DoiFitOptions.FullBatch"/>), DoI sizes layers:bins:hidden.
/// </remarks>
public sealed class AmortizedScanBenchmark : IBenchmark
{
    /// <summary>Half-width of the focused training box, in profiled errors.</summary>
    private const double FocusReach = 4.0;

    /// <inheritdoc />
    public string Description => "21x21 profile scan with the amortized DoI vs 441 per-point DoI refits (toy dataset)";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        int refits = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        string? cache = args.Length > 1 ? args[1] : null;
        bool lbfgs = args.Length > 2 && args[2] == "lbfgs";
        int refitSteps = args.Length > 2 && !lbfgs ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
        // DoI sizes as layers:bins:hidden (e.g. 1:4:8x8); default as the runtime's DoI toy tests, 2:8:32x32.
        var spec = DoiBenchToy.Spec(args.Length > 3 ? args[3] : "2:8:32x32");
        var data = DoiBenchToy.Data();
        var options = DoiBenchToy.Options;
        AnalysisModel model;
        // Step 1 and every refit run to convergence (lr 1e-2, cosine tail): an unconverged refit's NLL is off by more than 0.5.
        var step1Options = new DoiFitOptions { Epochs = 60, BatchSize = 256, DoiLearningRate = 1e-2, NuisanceLearningRate = 3e-2, Seed = 2 };
        if (lbfgs) step1Options = step1Options with { FullBatch = new LbfgsOptions() };
        // An optional folder keeps the trained models between runs (the timed parts are the scan and the refits).
        string dir = cache ?? Directory.CreateTempSubdirectory("fnfdsl-bench").FullName;
        Directory.CreateDirectory(dir);
        string simulation = Path.Combine(dir, "simulation.pt"), amortizedPath = Path.Combine(dir, "amortized.pt"), boxPath = Path.Combine(dir, "state.json");
        NuBox box;
        double[] start;
        if (File.Exists(amortizedPath) && File.Exists(boxPath) && File.Exists(simulation))
        {
            model = AnalysisModel.Load(spec, amortizedPath, options);
            var state = JsonSerializer.Deserialize<CachedState>(File.ReadAllText(boxPath))!;
            box = new NuBox(state.Low, state.High);
            start = state.Start;
            Print("cached_models", 1);
        }
        else
        {
            var clock0 = Stopwatch.StartNew();
            model = DoiBenchToy.TrainedSimulation(spec, data);
            Print("simulation_training_seconds", clock0.Elapsed.TotalSeconds);
            model.Save(simulation);
            clock0.Restart();
            var step1 = DoiFit.Run(model, data, step1Options);
            Print("step1_fit_seconds", clock0.Elapsed.TotalSeconds);
            Print("step1_nll", step1.Nll);
            Print("step1_iterations", step1.Epochs);
            Print("step1_converged", step1.Converged ? 1 : 0);
            Console.WriteLine(string.Join(" ", step1.History.Where((_, i) => i % 25 == 0).Select(v => v.ToString("F2", CultureInfo.InvariantCulture))));
            clock0.Restart();
            var step1Errors = AnalysisProfiler.Step1(model, data).Hessian([.. step1.Theta, .. step1.Nu]).Errors;
            // The step-1 95 % box widened to the prior's 95 % range (as the ToyFnf sample), then focused.
            box = NuBox.FromIntervals(step1.Nu.Select((v, i) => (v - Math.Max(2.0, 1.96 * step1Errors[i]), v + Math.Max(2.0, 1.96 * step1Errors[i]))).ToList());
            // The runtime's default schedule, then a second pass in the focused box around the first amortized minimum.
            var amortizedOptions = new AmortizedOptions();
            amortizedOptions = amortizedOptions with { Trainer = amortizedOptions.Trainer with { Seed = 4 } };
            AmortizedTraining.Train(model, data, step1.Theta, box, amortizedOptions);
            start = [.. step1.Theta, .. step1.Nu];
            (box, _) = AmortizedTraining.FocusedBox(AnalysisProfiler.Amortized(model, data), start, box, FocusReach);
            AmortizedTraining.Train(model, data, step1.Theta, box, amortizedOptions);
            Print("amortized_training_seconds", clock0.Elapsed.TotalSeconds);
            model.Save(amortizedPath);
            File.WriteAllText(boxPath, JsonSerializer.Serialize(new CachedState(box.Low, box.High, start)));
        }
        var profiler = AnalysisProfiler.Amortized(model, data);
        Print("focused_box_variation_x_low", box.Low[0]);
        Print("focused_box_variation_x_high", box.High[0]);
        Print("focused_box_variation_y_low", box.Low[1]);
        Print("focused_box_variation_y_high", box.High[1]);

        var best = profiler.FitIn(box, start);
        // The grid stays inside the amortization box.
        var gridX = Scans.Grid(Math.Max(box.Low[0], best.Parameters[0] - 0.5), Math.Min(box.High[0], best.Parameters[0] + 0.5), 21);
        var gridY = Scans.Grid(Math.Max(box.Low[1], best.Parameters[1] - 0.7), Math.Min(box.High[1], best.Parameters[1] + 0.7), 21);
        // Each point minimises the rate nuisances with the best fit's curvature (one gradient pass per iteration), from where
        // that quadratic model puts its minimum given the neighbour's, to 1e-3 in NLL: the ToyFnf sample's profiled scans.
        var hessianAtBest = profiler.Hessian(best.Parameters).Hessian;
        var scanSettings = new MinimizeOptions { FixedHessian = hessianAtBest, MaxIterations = 8, Tolerance = 1e-3 };
        Print("value_pass_seconds", Timed(() => profiler.Nll(best.Parameters)));
        Print("gradient_pass_seconds", Timed(() => Derivatives.ValueAndGradient(profiler.Objective, best.Parameters)));
        // The same pass without R (step-1 densities): the difference is what the residual's heads cost.
        var step1Profiler = AnalysisProfiler.Step1(model, data);
        Print("step1_value_pass_seconds", Timed(() => step1Profiler.Nll(best.Parameters)));
        var clock = Stopwatch.StartNew();
        var counted = new CountingObjective(profiler.Objective);
        var scan = Scans.Scan2D(counted, best.Parameters, profiler.IndexOf(ToyNuisances.VariationXName), profiler.IndexOf(ToyNuisances.VariationYName),
            gridX, gridY, profile: true, scanSettings);
        double scanSeconds = clock.Elapsed.TotalSeconds;
        Print("objective_passes_per_point", counted.Passes / (double)(gridX.Length * gridY.Length));
        Print("amortized_scan_points", gridX.Length * gridY.Length);
        Print("amortized_scan_seconds", scanSeconds);

        // Real refits from scratch: at nu_hat (the reference) and at scan points spread over the grid. Two refits at nu_hat
        // with different shuffles measure how reproducible a refit is, the floor of any agreement with it.
        var picks = new[] { (10, 10), (4, 16), (16, 4), (2, 2), (18, 18) }.Take(Math.Max(1, refits)).ToArray();
        // A refit repeats step 1's recipe (minibatch AdamW), or with a step count, that many full-batch AdamW steps from
        // the identity at every point: deterministic, so shuffles do not matter.
        var refitOptions = refitSteps > 0 ? step1Options with { BatchSize = (int)data.Count, Epochs = refitSteps, Patience = int.MaxValue } : step1Options;
        double Refit(double[] nu, long seed)
        {
            var r = DoiFit.Run(AnalysisModel.Load(spec, simulation, options), data, refitOptions with { FixedNu = nu, Seed = seed });
            Console.WriteLine(FormattableString.Invariant($"refit at ({string.Join(", ", nu.Select(v => v.ToString("F3", CultureInfo.InvariantCulture)))}): {r.Nll:F3} after {r.Epochs} iterations, converged {r.Converged}"));
            return r.Nll;
        }
        double atHat = Refit(best.Parameters, step1Options.Seed);
        Print("refit_full_batch_steps", refitSteps);
        Print("refit_lbfgs", lbfgs ? 1 : 0);
        Print("refit_nll_at_hat_minus_amortized", atHat - profiler.Nll(best.Parameters));
        if (refitSteps == 0 && !lbfgs) Print("refit_seed_spread", Math.Abs(atHat - Refit(best.Parameters, step1Options.Seed + 100)));
        // Warm refits: T fine-tuned from the step-1 T_hat at the fixed nu (20 epochs at lr 1e-3), what R approximates at
        // every nu; starting from the same T_hat, they are far less chaotic than refits from the identity.
        var warmOptions = step1Options with { Epochs = 20, DoiLearningRate = 1e-3 };
        double WarmRefit(double[] nu) => DoiFit.Run(AnalysisModel.Load(spec, amortizedPath, options), data, warmOptions with { FixedNu = nu }).Nll;
        double warmAtHat = WarmRefit(best.Parameters);
        double amortizedAtHat = profiler.Nll(best.Parameters);
        double maxAbs = 0, maxAbsWarm = 0, refitSeconds = 0;
        foreach (var (a, b) in picks)
        {
            var nu = ProfiledPoint(profiler, best.Parameters, gridX[a], gridY[b]);
            clock.Restart();
            double refit = Refit(nu, step1Options.Seed) - atHat;
            refitSeconds += clock.Elapsed.TotalSeconds;
            double amortized = profiler.Nll(nu) - amortizedAtHat;
            Print($"dnll_at_{a}_{b}_amortized", amortized);
            Print($"dnll_at_{a}_{b}_refit", refit);
            maxAbs = Math.Max(maxAbs, Math.Abs(amortized - refit));
            double warm = WarmRefit(nu) - warmAtHat;
            Print($"dnll_at_{a}_{b}_warm_refit", warm);
            maxAbsWarm = Math.Max(maxAbsWarm, Math.Abs(amortized - warm));
        }
        double perRefit = refitSeconds / picks.Length;
        Print("refits_timed", picks.Length);
        Print("refit_seconds_each", perRefit);
        Print("refit_scan_seconds_estimate", 441 * perRefit);
        Print("max_abs_dnll_vs_warm_refit", maxAbsWarm);
        Print("max_abs_dnll_vs_refit", maxAbs);
        Print("amortized_scan_speedup", 441 * perRefit / scanSeconds);
        if (cache is null) try { Directory.Delete(dir, true); } catch (IOException) { }
        return 0;
    }

    // The profiled nuisances at a scan point: the rate nuisances minimised with the amortized model.
    private static double[] ProfiledPoint(AnalysisProfiler profiler, double[] best, double nuX, double nuY)
    {
        var start = (double[])best.Clone();
        start[0] = nuX; start[1] = nuY;
        return profiler.FitFixed(start, ToyNuisances.VariationXName, ToyNuisances.VariationYName).Parameters;
    }

    // Mean seconds of a few calls after one warm-up call.
    private static double Timed(Action action)
    {
        action();
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < 5; i++) action();
        return watch.Elapsed.TotalSeconds / 5;
    }

    // Counts passes over the data (evaluations of the last part, the event chunks' end).
    private sealed class CountingObjective(Objective inner) : Objective
    {
        public long Passes { get; private set; }

        public override int Parts => inner.Parts;

        public override Tensor Evaluate(int part, Tensor parameters)
        {
            if (part == Parts - 1) Passes++;
            return inner.Evaluate(part, parameters);
        }
    }

    private sealed record CachedState(double[] Low, double[] High, double[] Start);

    private static void Print(string name, double value) => Console.WriteLine(FormattableString.Invariant($"{name}={value:G6}"));
}
