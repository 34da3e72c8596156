using FnfDsl.Analysis;
using FnfDsl.Likelihood;
using FnfDsl.Testing.Toy;
using FnfDsl.Tables;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Analysis;

/// The toy analysis of toy-dataset.md as a runtime spec, and conversions of toy tables to tensors, for tests.
internal static class ToyFixture
{
    public static readonly string[] Nuisances = [ToyNuisances.VariationXName, ToyNuisances.VariationYName, ToyNuisances.NormAName, ToyNuisances.NormBName];

    /// The toy declaration with small networks (the test-sized counterpart of the paper's sizes).
    public static AnalysisSpec Spec(double yield, int bins = 8, int[]? hidden = null, LikelihoodMode mode = LikelihoodMode.Joint)
    {
        hidden ??= [32, 32];
        var x = new VariableSpec("x", VariableRole.Kinematic, "x");
        return new AnalysisSpec("Toy", mode,
            [new FlavourSpec("A", yield), new FlavourSpec("B", yield)],
            [x],
            [new VariableSpec("y1", VariableRole.Feature, "y1"), new VariableSpec("y2", VariableRole.Feature, "y2")],
            [
                // A kinematic scale moves x and, through p(y | x), both features.
                new ShapeNuisanceSpec(ToyNuisances.VariationXName, Prior.Gaussian, ["A", "B"], ["x", "y1", "y2"], [16, 16], "up", "down"),
                new ShapeNuisanceSpec(ToyNuisances.VariationYName, Prior.Gaussian, ["A", "B"], ["y1"], [16, 16], "up", "down"),
            ],
            [new RateNuisanceSpec(ToyNuisances.NormAName, "A", 1.10, 1.10), new RateNuisanceSpec(ToyNuisances.NormBName, "B", 1.10, 1.10)],
            [],
            new DoiSpec("Correction", ["y1", "y2"], ["x"], Layers: 1, Bins: bins, Hidden: hidden),
            new FlowSizes(1, bins, hidden), new FlowSizes(1, bins, hidden), "toy-test-fingerprint");
    }

    public static EventData Events(EventTable t, string source, ScalarType dtype = ScalarType.Float32) =>
        EventData.Create(tensor(t.ToRowMajor(ToyColumns.X), [t.RowCount, 1], dtype), tensor(t.ToRowMajor(ToyColumns.Y1, ToyColumns.Y2), [t.RowCount, 2], dtype), source: source);

    public static SimulationSample Simulation(EventTable t, ToyFlavour flavour, ToyNuisances nu, string source, ScalarType dtype = ScalarType.Float32)
    {
        var nuRow = Nuisances.Select(n => nu[n]).ToArray();
        return new SimulationSample(Events(t, source, dtype), full(t.RowCount, (long)flavour, dtype: ScalarType.Int64),
            tensor(nuRow, dtype: dtype).expand(t.RowCount, nuRow.Length).contiguous());
    }

    /// A tiny untrained toy model (200 events per flavour, 4 bins, hidden 8, unit normalisation): for fits whose mechanics are tested, not their physics.
    public static AnalysisModel TinyModel() =>
        new(Spec(yield: 200, bins: 4, hidden: [8]), Normalization.Unit(1, 2, 2), new AnalysisModelOptions { Seed = 3 });

    /// The tiny model's data: 200 events per flavour, seed 5.
    public static EventData TinyData() => Events(ToyGenerator.Data(200, 200, 5), "tiny data");

    /// Nominal and +-1 sigma variation samples of both flavours.
    public static (SimulationSample Nominal, SimulationSample Variations) SimulationSamples(int nominal, int variation, ulong seed, ScalarType dtype = ScalarType.Float32)
    {
        var nominals = new List<SimulationSample>();
        var variations = new List<SimulationSample>();
        ulong s = seed;
        foreach (var f in new[] { ToyFlavour.A, ToyFlavour.B })
        {
            nominals.Add(Simulation(ToyGenerator.Simulate(f, nominal, default, s++), f, default, $"nominal_{f}", dtype));
            foreach (var name in ToyNuisances.ShapeNames)
                foreach (var shift in new[] { 1.0, -1.0 })
                {
                    var nu = ToyNuisances.Nominal.With(name, shift);
                    variations.Add(Simulation(ToyGenerator.Simulate(f, variation, nu, s++), f, nu, $"{name}_{shift}_{f}", dtype));
                }
        }
        return (SimulationSample.Concat(nominals), SimulationSample.Concat(variations));
    }
}
