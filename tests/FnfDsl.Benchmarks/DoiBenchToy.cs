using System.Globalization;
using FnfDsl.Analysis;
using FnfDsl.Likelihood;
using FnfDsl.Tests.Analysis;
using FnfDsl.Training;
using FnfDsl.Testing.Toy;
using FnfDsl.Tables;
using static TorchSharp.torch;

namespace FnfDsl.Benchmarks;

/// <summary>
/// The toy analysis the DoI refit benchmarks share (float64): 1500 events per flavour with nu_x = 0.5 injected, a two-layer
/// feature flow as the runtime's DoI toy tests, a DoI of chosen sizes, and simulation densities trained on several times the data.
/// </summary>
internal static class DoiBenchToy
{
    /// <summary>Events per flavour of the data.</summary>
    public const double Yield = 1500;

    /// <summary>The injected nuisances.</summary>
    public static readonly ToyNuisances Injected = new(VariationX: 0.5);

    /// <summary>Model options: float64 throughout.</summary>
    public static readonly AnalysisModelOptions Options = new() { Seed = 3, Dtype = ScalarType.Float64 };

    /// <summary>The analysis with a DoI of <paramref name="doiSizes"/> given as layers:bins:hidden (hidden widths joined by x, e.g. 2:8:32x32).</summary>
    public static AnalysisSpec Spec(string doiSizes)
    {
        var sizes = doiSizes.Split(':');
        var spec = ToyFixture.Spec(Yield, bins: 8, hidden: [32, 32]) with { FeatureFlow = new FlowSizes(2, 8, [32, 32]) };
        return spec with
        {
            Doi = spec.Doi! with
            {
                Layers = int.Parse(sizes[0], CultureInfo.InvariantCulture),
                Bins = int.Parse(sizes[1], CultureInfo.InvariantCulture),
                Hidden = sizes[2].Split('x').Select(h => int.Parse(h, CultureInfo.InvariantCulture)).ToArray(),
            },
        };
    }

    /// <summary>The data events.</summary>
    public static EventData Data() => ToyFixture.Events(ToyGenerator.Data(Yield, Yield, 77, Injected), "data", ScalarType.Float64);

    /// <summary>A model of <paramref name="spec"/> with its simulation densities trained (nominal flows, then the FNF heads).</summary>
    public static AnalysisModel TrainedSimulation(AnalysisSpec spec, EventData data)
    {
        var (nominal, variations) = ToyFixture.SimulationSamples(40_000, 20_000, 101, ScalarType.Float64);
        var model = new AnalysisModel(spec, Normalization.Fit(nominal.Events.X, nominal.Events.Y, data.Y), Options);
        var train = new TrainerOptions { Epochs = 10, BatchSize = 1024, LearningRate = 3e-3, Seed = 5 };
        NominalTraining.Train(model, nominal, train);
        SystematicsTraining.Train(model, variations, train with { Epochs = 5 });
        return model;
    }
}
