using FnfDsl.Analysis;
using FnfDsl.Likelihood;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Likelihood;

/// Yields and constraints of the model, built by hand and from an AnalysisSpec.
public class MixtureModelTests
{
    private static double[] Yields(MixtureModel model, double[] theta, double[] nu)
    {
        using var t = tensor(theta, dtype: ScalarType.Float64);
        using var n = tensor(nu, dtype: ScalarType.Float64);
        using var y = model.Yields(t, n);
        return y.data<double>().ToArray();
    }

    [Fact]
    public void AsymmetricLogNormalUsesKappaUpAboveAndKappaDownBelowZero()
    {
        var model = new MixtureModel([new("A", 100), new("B", 50)], [], [new("norm")], [new LogNormalRate(0, 1, 1.2, 1.1)]);
        Assert.Equal(new[] { 100, 50 * 1.1 * 1.1 }, Yields(model, [], [2]), new ToleranceComparer(1e-10));
        Assert.Equal(new[] { 100, 50 / 1.2 }, Yields(model, [], [-1]), new ToleranceComparer(1e-10));
    }

    [Fact]
    public void FromSpecOrdersShapeThenRateNuisancesAndScalesTheSignal()
    {
        var spec = new AnalysisSpec("toy", LikelihoodMode.Joint,
            [new FlavourSpec("A", 5000, IsSignal: true, ScaledBy: "mu"), new FlavourSpec("B", 4000)],
            [new VariableSpec("x", VariableRole.Kinematic, "x")],
            [new VariableSpec("y1", VariableRole.Feature, "y1"), new VariableSpec("y2", VariableRole.Feature, "y2")],
            [new ShapeNuisanceSpec("variation_x", Prior.Gaussian, ["A", "B"], ["x"], [32, 32], "up", "down"),
             new ShapeNuisanceSpec("variation_y", Prior.Free, ["A", "B"], ["y1"], [32, 32], "up", "down")],
            [new RateNuisanceSpec("norm_A", "A", 1.1, 1.1), new RateNuisanceSpec("norm_B", "B", 1.1, 1.1)],
            [new PoiSpec("mu", ["A"])], null, new FlowSizes(2, 30, [128, 128]), new FlowSizes(1, 20, [64, 64]), "fp");
        var model = MixtureModel.FromSpec(spec);

        Assert.Equal(new[] { "variation_x", "variation_y", "norm_A", "norm_B" }, model.Nuisances.Select(n => n.Name));
        Assert.Equal(new[] { 5000 * 2.0 * Math.Pow(1.1, 0.5), 4000 * Math.Pow(1.1, -1) },
            Yields(model, [2.0], [0.3, -0.2, 0.5, -1]), new ToleranceComparer(1e-9));
        using var nu = tensor(new[] { 1.0, 3.0, 2.0, -1.0 });
        using var c = model.Constraint(nu);
        Assert.Equal(0.5 * (1 + 4 + 1), c.item<double>(), 12); // variation_y is free
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance * Math.Max(1, Math.Abs(a));
        public int GetHashCode(double v) => 0;
    }

    // One signal flavour (or none) and a POI that names no flavour: IsSignal decides what it scales.
    private static AnalysisSpec SignalSpec(bool aIsSignal, bool bIsSignal) => new("signal", LikelihoodMode.Joint,
        [new FlavourSpec("A", 100, IsSignal: aIsSignal), new FlavourSpec("B", 1000, IsSignal: bIsSignal)],
        [], [new VariableSpec("y", VariableRole.Feature, "y")], [], [], [new PoiSpec("mu", [])], null,
        new FlowSizes(1, 4, [8]), new FlowSizes(1, 4, [8]), "fp");

    [Fact]
    public void APoiWithoutScalesScalesTheSignalFlavours()
    {
        Assert.Equal(new[] { 200.0, 1000.0 }, Yields(MixtureModel.FromSpec(SignalSpec(true, false)), [2], []));
        Assert.Equal(new[] { 100.0, 2000.0 }, Yields(MixtureModel.FromSpec(SignalSpec(false, true)), [2], []));
        var none = Assert.Throws<ArgumentException>(() => MixtureModel.FromSpec(SignalSpec(false, false)));
        Assert.Contains("POI 'mu' names no flavour in Scales and no flavour is marked IsSignal", none.Message);
    }
}
