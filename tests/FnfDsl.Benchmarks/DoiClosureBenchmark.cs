using System.Diagnostics;
using System.Globalization;
using FnfDsl.Analysis;
using FnfDsl.Doi;
using FnfDsl.Likelihood;
using FnfDsl.Profiling;
using FnfDsl.Tests.Analysis;
using FnfDsl.Training;
using FnfDsl.Testing.Toy;
using FnfDsl.Tables;
using static TorchSharp.torch;

namespace FnfDsl.Benchmarks;

/// <summary>
/// Injected-nuisance closure of DoI profiling on the toy dataset, with figures: the simulation-only fit of the
/// undistorted data (what the trained densities alone give), the step-1 and step-2 minima with their errors and pulls,
/// and the exact Hessian at the step-2 minimum against finite differences of its gradient.
/// </summary>
/// <remarks>
/// Arguments: injected nu_x, injected nu_y, expected events per flavour, data seed, an optional folder that caches
/// the trained simulation densities between runs (they do not depend on the data), then the fit and amortization
/// settings listed in the README; the last is the focused box's reach in profiled errors (0: one pass in the wide box).
/// </remarks>
public sealed class DoiClosureBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Description => "closure of step-1 and amortized DoI fits on toy data with injected nu; Hessian vs finite differences";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        double Arg(int i, double fallback) => args.Length > i ? double.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        double nuX = Arg(0, 1.0), nuY = Arg(1, 0.0), yield = Arg(2, 3000);
        ulong dataSeed = (ulong)Arg(3, 77);
        string? cache = args.Length > 4 ? args[4] : null;
        int step1Epochs = (int)Arg(5, 30);
        bool fineTune = Arg(6, 0) != 0;
        int doiLayers = (int)Arg(7, 1), doiBins = (int)Arg(8, 8), doiHidden = (int)Arg(9, 32);
        int amortizedEpochs = (int)Arg(10, 300), amortizedBatch = (int)Arg(11, 8192);
        double amortizedLr = Arg(12, 1e-2), amortizedValidation = Arg(13, 0), focusReach = Arg(14, 4);

        var spec = ToyFixture.Spec(yield, bins: 8, hidden: [32, 32]) with { FeatureFlow = new FlowSizes(2, 8, [32, 32]) };
        spec = spec with { Doi = spec.Doi! with { Layers = doiLayers, Bins = doiBins, Hidden = [doiHidden, doiHidden] } };
        var options = new AnalysisModelOptions { Seed = 3 };
        var table = ToyGenerator.Data(yield, yield, dataSeed, new ToyNuisances(VariationX: nuX, VariationY: nuY));
        var data = ToyFixture.Events(table, "data");
        var truth = EventData.Create(tensor(table.ToRowMajor(ToyColumns.X), [table.RowCount, 1], ScalarType.Float32),
            tensor(table.ToRowMajor(ToyColumns.Y1True, ToyColumns.Y2True), [table.RowCount, 2], ScalarType.Float32), source: "undistorted data");
        var clock = Stopwatch.StartNew();
        var model = SimulationModel(spec, options, cache);
        Print("simulation_seconds", clock.Elapsed.TotalSeconds);
        double[] injected = [nuX, nuY, 0, 0];

        var simulationFit = AnalysisProfiler.Simulation(model, truth);
        var sim = simulationFit.Fit();
        Report("simulation", sim.Parameters, simulationFit.Hessian(sim.Parameters).Errors, injected);

        clock.Restart();
        var step1 = DoiFit.Run(model, data, new DoiFitOptions { Epochs = step1Epochs, BatchSize = 500, DoiLearningRate = 3e-3, NuisanceLearningRate = 5e-2, Seed = 2 });
        Print("step1_seconds", clock.Elapsed.TotalSeconds);
        Print("step1_epochs_run", step1.Epochs);
        var step1Errors = AnalysisProfiler.Step1(model, data).Hessian([.. step1.Theta, .. step1.Nu]).Errors;
        Report("step1", step1.Nu, step1Errors, injected);

        var box = NuBox.FromIntervals(step1.Nu.Select((v, i) => (v - Math.Max(0.75, 1.96 * step1Errors[i]), v + Math.Max(0.75, 1.96 * step1Errors[i]))).ToList());
        clock.Restart();
        var training = AmortizedTraining.Train(model, data, step1.Theta, box,
            new AmortizedOptions { FineTuneDoi = fineTune, Trainer = new TrainerOptions { Epochs = amortizedEpochs, BatchSize = amortizedBatch, LearningRate = amortizedLr, ValidationFraction = amortizedValidation, Seed = 4 } });
        var profiler = AnalysisProfiler.Amortized(model, data);
        if (focusReach > 0)
        {
            // Second pass in the focused box around the first amortized minimum (0 skips it).
            var (focused, first) = AmortizedTraining.FocusedBox(profiler, [.. step1.Theta, .. step1.Nu], box, focusReach);
            double[] firstErrors;
            try { firstErrors = profiler.Hessian(first.Parameters).Errors; }
            catch (InvalidOperationException) { firstErrors = Enumerable.Repeat(double.NaN, first.Parameters.Length).ToArray(); }
            Report("step2_wide", first.Parameters, firstErrors, injected);
            box = focused;
            training = AmortizedTraining.Train(model, data, step1.Theta, box,
                new AmortizedOptions { FineTuneDoi = fineTune, Trainer = new TrainerOptions { Epochs = amortizedEpochs, BatchSize = amortizedBatch, LearningRate = amortizedLr, ValidationFraction = amortizedValidation, Seed = 4 } });
            Print("focused_box_variation_x_low", box.Low[0]);
            Print("focused_box_variation_x_high", box.High[0]);
            Print("focused_box_variation_y_low", box.Low[1]);
            Print("focused_box_variation_y_high", box.High[1]);
        }
        Print("amortized_seconds", clock.Elapsed.TotalSeconds);
        Print("amortized_epochs_run", training.EpochsRun);
        Print("amortized_best_epoch", training.BestEpoch);
        Print("amortized_first_train_loss", training.TrainLoss[0]);
        Print("amortized_best_loss", training.BestLoss);

        var best = profiler.FitIn(box, [.. step1.Theta, .. step1.Nu]);
        var hessian = profiler.Hessian(best.Parameters);
        Report("step2", best.Parameters, hessian.Errors, injected);
        foreach (var (name, index) in new[] { (ToyNuisances.VariationXName, 0), (ToyNuisances.VariationYName, 1) })
        {
            var scan = profiler.Scan(name, Scans.Grid(box.Low[index], box.High[index], 9), best.Parameters, profile: true);
            for (int i = 0; i < scan.Grid.Length; i++) Print($"step2_scan_{name}_{scan.Grid[i]:F2}", scan.Nll[i] - best.Value);
        }
        foreach (double step in new[] { 1e-3, 1e-2 })
        {
            var fd = Derivatives.FiniteDifferenceHessian(profiler.Objective, best.Parameters, step);
            double worst = Derivatives.MaxRelativeDifference(hessian.Hessian, fd);
            Print($"hessian_vs_fd_step_{step:G2}_max_rel", worst);
        }
        return 0;
    }

    private static AnalysisModel SimulationModel(AnalysisSpec spec, AnalysisModelOptions options, string? cache)
    {
        string? path = cache is null ? null : Path.Combine(cache, "simulation.pt");
        var (nominal, variations) = ToyFixture.SimulationSamples(10_000, 5_000, 101);
        var normalization = Normalization.Fit(nominal.Events.X, nominal.Events.Y, nominal.Events.Y);
        if (path is not null && File.Exists(path)) return AnalysisModel.Load(spec, path, options);
        var model = new AnalysisModel(spec, normalization, options);
        var train = new TrainerOptions { Epochs = 12, BatchSize = 512, LearningRate = 3e-3, Seed = 5 };
        NominalTraining.Train(model, nominal, train);
        SystematicsTraining.Train(model, variations, train with { Epochs = 10 });
        if (path is not null)
        {
            Directory.CreateDirectory(cache!);
            model.Save(path);
        }
        return model;
    }

    private static void Report(string stage, double[] fitted, double[] errors, double[] injected)
    {
        for (int i = 0; i < injected.Length; i++)
        {
            string name = ToyFixture.Nuisances[i];
            Print($"{stage}_{name}", fitted[i]);
            Print($"{stage}_{name}_error", errors[i]);
            Print($"{stage}_{name}_pull", (fitted[i] - injected[i]) / errors[i]);
        }
    }

    private static void Print(string name, double value) => Console.WriteLine(FormattableString.Invariant($"{name}={value:G6}"));
}
