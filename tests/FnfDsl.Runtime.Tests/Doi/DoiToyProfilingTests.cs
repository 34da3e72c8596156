using FnfDsl.Analysis;
using FnfDsl.Doi;
using FnfDsl.Likelihood;
using FnfDsl.Profiling;
using FnfDsl.Tests.Analysis;
using FnfDsl.Training;
using ToyFnf.Dataset;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Doi;

/// <summary>
/// The DoI chain of method.md section 4 on toy data with an injected kinematic scale nu_x = +1, at test sizes: step 1
/// maps the distorted data toward the undistorted features, the amortized profile recovers nu_x, and its autograd Hessian
/// agrees with finite differences. (The comparison with DoIs refitted at fixed nu is the amortized-scan benchmark's.)
/// </summary>
public sealed class DoiToyProfilingTests(DoiToyProfilingTests.Toy toy, ITestOutputHelper output) : IClassFixture<DoiToyProfilingTests.Toy>
{
    /// <summary>Everything trained once: simulation densities, the step-1 fit and the amortized DoI (float64 throughout).</summary>
    public sealed class Toy : IDisposable
    {
        public const double Yield = 1500;
        public const double InjectedNuX = 1.0;

        public Toy()
        {
            // Two-layer DoI and feature flow, as the ToyFnf quick preset: one layer leaves the distortion half undone.
            var spec = ToyFixture.Spec(Yield) with { FeatureFlow = new FlowSizes(2, 8, [32, 32]) };
            Spec = spec with { Doi = spec.Doi! with { Layers = 2 } };
            Options = new AnalysisModelOptions { Seed = 3, Dtype = ScalarType.Float64 };
            // The simulation several times the data, as in the ToyFnf closure: the learned p(y | x) is where T maps the data
            // to, and the learned p(x | nu_x) is all that constrains nu_x once T is profiled.
            var (nominal, variations) = ToyFixture.SimulationSamples(40_000, 20_000, 101, ScalarType.Float64);
            Table = ToyGenerator.Data(Yield, Yield, 77, new ToyNuisances(VariationX: InjectedNuX));
            Data = ToyFixture.Events(Table, "data", ScalarType.Float64);
            Model = new AnalysisModel(Spec, Normalization.Fit(nominal.Events.X, nominal.Events.Y, Data.Y), Options);
            var train = new TrainerOptions { Epochs = 10, BatchSize = 1024, LearningRate = 3e-3, Seed = 5 };
            NominalTraining.Train(Model, nominal, train);
            SystematicsTraining.Train(Model, variations, train with { Epochs = 6 });

            Step1 = DoiFit.Run(Model, Data, Step1Options);
            Step1Mapped = MapWithTrueFlavour(Model, Table, Data);
            var step1Errors = AnalysisProfiler.Step1(Model, Data).Hessian([.. Step1.Theta, .. Step1.Nu]).Errors;
            // The step-1 95 % intervals widened to the prior's 95 % range (as the ToyFnf sample does), then the focused pass.
            Wide = NuBox.FromIntervals(Step1.Nu.Select((v, i) => (v - Math.Max(2.0, 1.96 * step1Errors[i]), v + Math.Max(2.0, 1.96 * step1Errors[i]))).ToList());
            var amortized = new AmortizedOptions();
            amortized = amortized with { Trainer = amortized.Trainer with { Seed = 4 } };
            AmortizedTraining.Train(Model, Data, Step1.Theta, Wide, amortized);
            Profiler = AnalysisProfiler.Amortized(Model, Data);
            (Box, _) = AmortizedTraining.FocusedBox(Profiler, [.. Step1.Theta, .. Step1.Nu], Wide, reach: 4.0);
            AmortizedTraining.Train(Model, Data, Step1.Theta, Box, amortized);
            Best = Profiler.FitIn(Box, [.. Step1.Theta, .. Step1.Nu], new MinimizeOptions { MaxIterations = 50, Tolerance = 1e-6 });
            Hessian = Profiler.Hessian(Best.Parameters);
        }

        public AnalysisSpec Spec { get; }
        public AnalysisModelOptions Options { get; }
        public EventTable Table { get; }
        public EventData Data { get; }
        public AnalysisModel Model { get; }
        public DoiFitOptions Step1Options { get; } = new() { Epochs = 60, BatchSize = 256, DoiLearningRate = 1e-2, NuisanceLearningRate = 3e-2, Seed = 2 };
        public DoiFitResult Step1 { get; }
        public double[,] Step1Mapped { get; }
        public NuBox Wide { get; }
        public NuBox Box { get; }
        public AnalysisProfiler Profiler { get; }
        public MinimizeResult Best { get; }
        public HessianResult Hessian { get; }

        public void Dispose() => Model.Dispose();

        // T(y) at nu_hat of every data event, through the DoI of its true flavour: [N, 2].
        private static double[,] MapWithTrueFlavour(AnalysisModel model, EventTable table, EventData data)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var flavour = tensor(table.Ints(ToyColumns.FlavourTrue).Select(f => (long)f).ToArray());
            var context = cat([data.X, nn.functional.one_hot(flavour, model.Mixture.FlavourCount).to_type(ScalarType.Float64)], 1);
            var nu = tensor(model.NuHat, dtype: ScalarType.Float64).expand(data.Count, -1);
            var mapped = model.DataDensities(amortized: false).Map(data.Y, context, nu).Mapped.contiguous().data<double>().ToArray();
            var result = new double[data.Count, 2];
            for (int i = 0; i < data.Count; i++) { result[i, 0] = mapped[2 * i]; result[i, 1] = mapped[2 * i + 1]; }
            return result;
        }
    }

    [Fact]
    public void Step1_MapsTheDistortedDataTowardTheUndistortedFeatures()
    {
        // T is fixed per event only up to maps that keep each flavour's density, so the distance is taken between the means
        // of each x bin and flavour (toy-dataset.md: the distortion moves them by ~0.2).
        var t = toy.Table;
        double[] x = t.Doubles(ToyColumns.X), y1 = t.Doubles(ToyColumns.Y1), y2 = t.Doubles(ToyColumns.Y2);
        double[] true1 = t.Doubles(ToyColumns.Y1True), true2 = t.Doubles(ToyColumns.Y2True);
        int[] flavour = t.Ints(ToyColumns.FlavourTrue);
        var sorted = x.OrderBy(v => v).ToArray();
        double[] edges = Enumerable.Range(1, 7).Select(b => sorted[b * sorted.Length / 8]).ToArray();
        double observed = 0, mapped = 0;
        foreach (var bin in Enumerable.Range(0, t.RowCount).GroupBy(i => (flavour[i], edges.Count(e => x[i] >= e))))
        {
            var rows = bin.ToArray();
            observed += rows.Length * Distance(rows.Average(i => y1[i] - true1[i]), rows.Average(i => y2[i] - true2[i]));
            mapped += rows.Length * Distance(rows.Average(i => toy.Step1Mapped[i, 0] - true1[i]), rows.Average(i => toy.Step1Mapped[i, 1] - true2[i]));
        }
        observed /= t.RowCount; mapped /= t.RowCount;
        output.WriteLine($"per-bin mean distance to the undistorted features: data {observed:F4}, T(data) {mapped:F4}");
        Assert.True(observed > 0.1, $"the distortion should move the bin means: {observed}");
        Assert.True(mapped < 0.5 * observed, $"T(data) is {mapped:F4} from the undistorted means, the data {observed:F4}");
    }

    [Fact]
    public void AmortizedProfile_RecoversTheInjectedKinematicScale()
    {
        int i = toy.Profiler.IndexOf(ToyNuisances.VariationXName);
        double nuX = toy.Best.Parameters[i], sigma = toy.Hessian.Errors[i];
        output.WriteLine($"step 1 nu_x = {toy.Step1.Nu[0]:F3}; step 2 nu_x = {nuX:F3} +- {sigma:F3}; focused box [{toy.Box.Low[0]:F3}, {toy.Box.High[0]:F3}]");
        Assert.True(sigma > 0.03 && sigma < 0.3, $"sigma {sigma}");
        // Two standard errors: the simulation densities are learned from 10k events per flavour and the profiled p(x | nu_x)
        // inherits their statistical error, of the same order as the data's own (3000 events); the error reported is the data's.
        Assert.True(Math.Abs(nuX - Toy.InjectedNuX) <= 2 * sigma, $"nu_x = {nuX} +- {sigma}, injected {Toy.InjectedNuX}");
    }

    [Fact]
    public void Hessian_AgreesWithFiniteDifferences_AndItsModesReconstructIt()
    {
        var fd = Derivatives.FiniteDifferenceHessian(toy.Profiler.Objective, toy.Best.Parameters, 1e-4);
        double worst = Derivatives.MaxRelativeDifference(toy.Hessian.Hessian, fd);
        output.WriteLine($"largest difference from finite differences: {worst:P2}");
        Assert.True(worst <= 0.02, $"autograd Hessian vs finite differences: {worst:P2}");
        var r = toy.Hessian.Modes.Reconstruct();
        int k = toy.Best.Parameters.Length;
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
                Assert.Equal(toy.Hessian.Hessian[i, j], r[i, j], 1e-8 * toy.Hessian.Modes.Eigenvalues.Max());
        Assert.All(toy.Hessian.Modes.Eigenvalues, l => Assert.True(l > 0, $"eigenvalue {l}"));
    }

    private static double Distance(double a, double b) => Math.Sqrt(a * a + b * b);
}
