using FnfDsl.Analysis;
using FnfDsl.Doi;
using FnfDsl.Likelihood;
using FnfDsl.Profiling;
using FnfDsl.Tests.Analysis;
using FnfDsl.Training;
using FnfDsl.Testing.Toy;
using FnfDsl.Tables;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Doi;

/// <summary>
/// A toy analysis trained once per injected nuisance (float64 throughout): simulation densities, the step-1 fit of T and
/// nu, and the amortized DoI trained in the wide box, then in the focused one, with its minimum and Hessian.
/// </summary>
public abstract class DoiToy : IDisposable
{
    public const double Yield = 1500;

    /// <summary>The toy with nu_x = +1 injected into the data.</summary>
    public sealed class InjectedNuX() : DoiToy(new ToyNuisances(VariationX: 1.0));

    /// <summary>The toy with nu_y = -0.5 injected into the data.</summary>
    public sealed class InjectedNuY() : DoiToy(new ToyNuisances(VariationY: -0.5));

    protected DoiToy(ToyNuisances injected)
    {
        Injected = ToyFixture.Nuisances.Select(n => injected[n]).ToArray();
        // Two-layer DoI and feature flow, as the ToyFnf quick preset: one layer leaves the distortion half undone.
        var spec = ToyFixture.Spec(Yield) with { FeatureFlow = new FlowSizes(2, 8, [32, 32]) };
        Spec = spec with { Doi = spec.Doi! with { Layers = 2 } };
        Options = new AnalysisModelOptions { Seed = 3, Dtype = ScalarType.Float64 };
        // The simulation several times the data, as in the ToyFnf closure: the learned p(y | x) is where T maps the data
        // to, and the learned p(x | nu_x) is all that constrains nu_x once T is profiled.
        var (nominal, variations) = ToyFixture.SimulationSamples(40_000, 20_000, 101, ScalarType.Float64);
        Table = ToyGenerator.Data(Yield, Yield, 77, injected);
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

    /// <summary>The injected nuisances, in the model's order.</summary>
    public double[] Injected { get; }
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

    public void Dispose()
    {
        Model.Dispose();
        GC.SuppressFinalize(this);
    }

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
