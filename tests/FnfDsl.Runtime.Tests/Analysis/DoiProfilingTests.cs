using FnfDsl.Analysis;
using FnfDsl.Doi;
using FnfDsl.Likelihood;
using FnfDsl.Profiling;
using FnfDsl.Training;
using ToyFnf.Dataset;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Analysis;

/// Issue 4's closure properties of DoI profiling on the toy dataset (small sizes, trained simulation shared).
public class DoiProfilingTests(TrainedToySimulation simulation, ITestOutputHelper output) : IClassFixture<TrainedToySimulation>
{
    private static readonly DoiFitOptions Step1Options = new() { Epochs = 8, BatchSize = 500, DoiLearningRate = 3e-3, NuisanceLearningRate = 3e-2, Seed = 2 };
    private static readonly AmortizedOptions Step2Options = new() { Trainer = new TrainerOptions { Epochs = 6, BatchSize = 500, LearningRate = 3e-3, Seed = 4 } };

    private sealed record Scenario(AnalysisModel Model, EventTable Table, EventData Data, DoiFitResult Step1, AnalysisProfiler Amortized, MinimizeResult Best, HessianResult Hessian);

    private Scenario Run(ToyNuisances injected, ulong seed)
    {
        var table = ToyGenerator.Data(TrainedToySimulation.DataYield, TrainedToySimulation.DataYield, seed, injected);
        var data = ToyFixture.Events(table, $"data {injected}");
        var model = simulation.Load();
        var step1 = DoiFit.Run(model, data, Step1Options);
        var box = NuBox.FromIntervals(step1.Nu.Select(v => (v - 1.5, v + 1.5)).ToList());
        AmortizedTraining.Train(model, data, step1.Theta, box, Step2Options);
        var profiler = AnalysisProfiler.Amortized(model, data);
        var best = profiler.Fit(step1.Nu);
        var hessian = profiler.Hessian(best.Parameters);
        output.WriteLine($"injected {injected}: step1 nu = [{string.Join(", ", step1.Nu.Select(v => v.ToString("F3")))}], " +
            $"step2 nu = [{string.Join(", ", best.Parameters.Select(v => v.ToString("F3")))}], errors = [{string.Join(", ", hessian.Errors.Select(v => v.ToString("F3")))}]");
        return new Scenario(model, table, data, step1, profiler, best, hessian);
    }

    [Fact]
    public void InjectedKinematicScaleIsRecoveredAndTheDoiUndoesTheDistortion()
    {
        var s = Run(new ToyNuisances(VariationX: 1.0), 31);

        // Injected-nuisance closure. 2 sigma, not 1: the FNF heads learn nu_x = +-1 from 5k-event variation samples,
        // whose own statistical error (~0.1 in nu units) is comparable to the data's (~0.15) and not in the error.
        double pull = (s.Best.Parameters[0] - 1.0) / s.Hessian.Errors[0];
        output.WriteLine($"nu_x pull = {pull:F2}");
        Assert.True(Math.Abs(pull) <= 2.0, $"nu_x = {s.Best.Parameters[0]:F3} +- {s.Hessian.Errors[0]:F3}, truth 1 (pull {pull:F2})");

        // Step-1 closure: T maps the distorted data back toward the undistorted features of each event (its true flavour).
        var flavours = s.Table.Ints(ToyColumns.FlavourTrue);
        using var oneHot = nn.functional.one_hot(tensor(flavours.Select(f => (long)f).ToArray()), 2).to_type(s.Data.Y.dtype);
        using var context = cat([s.Data.X, oneHot], 1);
        using var nu = tensor(s.Step1.Nu, dtype: s.Data.Y.dtype).expand(s.Data.Count, 4);
        var (mapped, _) = s.Model.DataDensities(amortized: false).Map(s.Data.Y, context, nu);
        using var truth = tensor(s.Table.ToRowMajor(ToyColumns.Y1True, ToyColumns.Y2True), [s.Data.Count, 2], s.Data.Y.dtype);
        double before = (s.Data.Y - truth).abs().sum(1).mean().item<float>();
        double after = (mapped - truth).abs().sum(1).mean().item<float>();
        output.WriteLine($"mean |y - y_true| = {before:F4}, mean |T(y) - y_true| = {after:F4}");
        Assert.True(after < 0.6 * before, $"the DoI left {after:F4} of the {before:F4} distortion");

        // Hessian of the amortized profile: autograd against finite differences of the gradient, within 2 %.
        var fd = Derivatives.FiniteDifferenceHessian(s.Amortized.Objective, s.Best.Parameters, 1e-3);
        double scale = s.Hessian.Hessian.Cast<double>().Max(Math.Abs);
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                Assert.True(Math.Abs(s.Hessian.Hessian[i, j] - fd[i, j]) <= 0.02 * scale, $"H[{i},{j}] = {s.Hessian.Hessian[i, j]:G5}, FD {fd[i, j]:G5}");
        var rebuilt = s.Hessian.Modes.Reconstruct();
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                Assert.Equal(s.Hessian.Hessian[i, j], rebuilt[i, j], 1e-6 * scale);

        // Amortized vs refit: at three nu points the amortized profile's dNLL (relative to nu_hat) agrees with DoIs
        // re-fitted from scratch at each fixed nu (and at nu_hat) within 0.5.
        var nuHat = s.Step1.Nu;
        var points = new[] { With(nuHat, 0, +0.3), With(nuHat, 0, -0.3), With(nuHat, 1, +0.8) };
        double refitAtHat = Refit(s.Data, nuHat);
        double amortizedAtHat = s.Amortized.Nll(nuHat);
        foreach (var point in points)
        {
            double amortized = s.Amortized.Nll(point) - amortizedAtHat;
            double refit = Refit(s.Data, point) - refitAtHat;
            output.WriteLine($"nu = [{string.Join(", ", point.Select(v => v.ToString("F2")))}]: dNLL amortized {amortized:F3}, refit {refit:F3}");
            Assert.True(Math.Abs(amortized - refit) <= 0.5, $"dNLL amortized {amortized:F3} vs refit {refit:F3} at nu = [{string.Join(", ", point)}]");
        }
    }

    [Fact]
    public void InjectedFeatureScaleIsRecoveredWithinItsInterval()
    {
        var s = Run(new ToyNuisances(VariationY: -0.5), 41);
        // The DoI can absorb much of a feature-scale change, so nu_y is mostly constrained by its prior: the 1-sigma
        // interval of the amortized profile must still contain the truth.
        double pull = (s.Best.Parameters[1] + 0.5) / s.Hessian.Errors[1];
        output.WriteLine($"nu_y pull = {pull:F2}");
        Assert.True(Math.Abs(pull) <= 1.0, $"nu_y = {s.Best.Parameters[1]:F3} +- {s.Hessian.Errors[1]:F3}, truth -0.5 (pull {pull:F2})");
        Assert.True(Math.Abs(s.Best.Parameters[0]) / s.Hessian.Errors[0] <= 2.0, $"nu_x = {s.Best.Parameters[0]:F3} +- {s.Hessian.Errors[0]:F3}, truth 0");
    }

    private double Refit(EventData data, double[] nu)
    {
        var model = simulation.Load();
        return DoiFit.Run(model, data, Step1Options with { FixedNu = nu }).Nll;
    }

    private static double[] With(double[] v, int i, double delta)
    {
        var r = (double[])v.Clone();
        r[i] += delta;
        return r;
    }
}
