using FnfDsl.Analysis;
using FnfDsl.Tests.Flows;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Analysis;

/// A variable's declared Min/Max choose the bounded map in front of its flows: the density is still a density of the
/// original variable (it integrates to 1 over the range), draws land inside it, and values outside are refused by name.
public sealed class DeclaredRangeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("declared-range-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // One flavour, one feature y with the given range, no kinematics or nuisances; the flow's parameters randomised.
    private static AnalysisModel Model(double? min, double? max, double mean, double std)
    {
        var spec = new AnalysisSpec("Ranged", LikelihoodMode.Joint, [new FlavourSpec("A", 100)], [],
            [new VariableSpec("y", VariableRole.Feature, "y", min, max)], [], [], [], null,
            new FlowSizes(1, 6, [8]), new FlowSizes(1, 6, [8]), "ranged-test");
        var model = new AnalysisModel(spec, new Normalization([], [], [mean], [std], [], []), new AnalysisModelOptions { Dtype = ScalarType.Float64, Seed = 4 });
        RandomParameters.Randomise((nn.Module)model.Features.Nominal, seed: 9);
        return model;
    }

    private static double[] LogProb(AnalysisModel model, double[] y)
    {
        using var scope = NewDisposeScope();
        using var points = tensor(y, [y.Length, 1], dtype: ScalarType.Float64);
        using var context = ones(y.Length, 1, dtype: ScalarType.Float64);
        using var nu = zeros(0, dtype: ScalarType.Float64);
        return model.Features.LogProb(points, context, nu).data<double>().ToArray();
    }

    public static IEnumerable<object?[]> Ranges =>
    [
        [0.0, 1.0, 0.5, 0.25, 0.0, 1.0],
        [0.0, null, 2.0, 1.0, 0.0, 40.0],
        [null, 1.0, -1.0, 0.5, -30.0, 1.0],
        [null, null, 0.0, 1.0, -30.0, 30.0],
    ];

    [Theory]
    [MemberData(nameof(Ranges))]
    public void TheDensityIntegratesToOneOverTheDeclaredRange(double? min, double? max, double mean, double std, double from, double to)
    {
        using var model = Model(min, max, mean, std);
        const int points = 200_000;
        double step = (to - from) / points;
        var grid = Enumerable.Range(0, points).Select(i => from + (i + 0.5) * step).ToArray();

        double integral = LogProb(model, grid).Sum(l => Math.Exp(l)) * step;

        Assert.True(Math.Abs(integral - 1) < 2e-3, $"range [{min}, {max}]: the density integrates to {integral}");
    }

    [Fact]
    public void TheRangeChangesTheDensityAndDrawsStayInside()
    {
        using var bounded = Model(0.0, 1.0, 0.5, 0.25);
        using var free = Model(null, null, 0.5, 0.25);
        double[] at = { 0.1, 0.3, 0.9 };  // not 0.5: there the two-sided map is the identity to first order

        var withRange = LogProb(bounded, at);
        var without = LogProb(free, at);
        Assert.All(at.Select((_, i) => Math.Abs(withRange[i] - without[i])), d => Assert.True(d > 1e-3));

        using var scope = NewDisposeScope();
        using var context = ones(5000, 1, dtype: ScalarType.Float64);
        using var draws = bounded.Features.Sample(context, zeros(0, dtype: ScalarType.Float64), new Generator(3));
        Assert.True(draws.gt(0).all().item<bool>() && draws.lt(1).all().item<bool>(), "a draw left the declared range [0, 1]");
    }

    [Theory]
    [InlineData(-0.5, "Variable 'y' is -0.5 in row 1, not above its declared Min 0")]
    [InlineData(1.0, "Variable 'y' is 1 in row 1, not below its declared Max 1")]
    public void AValueOutsideTheRangeIsRefusedByName(double value, string message)
    {
        using var model = Model(0.0, 1.0, 0.5, 0.25);

        var error = Assert.Throws<ArgumentException>(() => LogProb(model, [0.5, value]));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void TheOneSidedMapsSpreadIsRestoredOnLoad()
    {
        using var model = Model(0.0, null, 2.0, 0.5);
        string path = Path.Combine(_folder, "ranged.model");
        model.Save(path);

        using var loaded = AnalysisModel.Load(model.Spec, path, model.Options);

        double[] at = { 0.05, 1.0, 3.0 };
        Assert.Equal(LogProb(model, at), LogProb(loaded, at));
    }
}
