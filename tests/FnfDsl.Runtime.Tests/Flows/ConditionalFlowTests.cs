using FnfDsl.Flows;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Flows;

/// The flow is a normalised density in the original variables, samples follow it, and its configurations are the paper's.
public class ConditionalFlowTests
{
    [Theory]
    [InlineData(-1.0)]
    [InlineData(2.0)]
    public void OneDimensionalConditionalDensityWithPreprocessingIntegratesToOne(double contextValue)
    {
        // A D=1 NSF (the kinematic-flow case: spline parameters from the context only) behind a standardisation,
        // so that the integral is over the original variable.
        manual_seed(21);
        var flow = Nsf.Create(1, 1, layers: 2, bins: 10, hidden: new[] { 16, 16 },
            preprocessing: new Standardize(tensor(new[] { 3.0 }), tensor(new[] { 2.5 })));
        RandomParameters.Randomise(flow, seed: 5);
        using var scope = NewDisposeScope();
        const int n = 200001;
        var y = linspace(-60, 66, n, dtype: ScalarType.Float64).view(n, 1);
        var context = full(n, 1, contextValue, dtype: ScalarType.Float64);

        var density = Chunking.LogProb(flow, y, context).exp();
        double integral = trapezoid(density, dx: 126.0 / (n - 1)).item<double>();

        Assert.True(Math.Abs(integral - 1) < 1e-4, $"integral = {integral}");
    }

    [Fact]
    public void TwoDimensionalDensityIntegratesToOne()
    {
        // Default initialisation: randomised splines have bins too narrow for a 2-D grid to resolve.
        manual_seed(22);
        var flow = Nsf.Create(2, 0, layers: 2, bins: 8, hidden: new[] { 16, 16 });
        flow.to(ScalarType.Float64);
        using var scope = NewDisposeScope();
        const int m = 801;
        const double half = 14.0, step = 2 * half / (m - 1);
        var axis = linspace(-half, half, m, dtype: ScalarType.Float64);
        var grid = stack(meshgrid(new[] { axis, axis }, indexing: "ij"), -1).view(m * m, 2);

        var density = Chunking.LogProb(flow, grid).exp().view(m, m);
        double integral = trapezoid(trapezoid(density, dx: step, dim: 1), dx: step).item<double>();

        Assert.True(Math.Abs(integral - 1) < 2e-3, $"integral = {integral}");
    }

    [Fact]
    public void SamplesMapToStandardNormalBaseAndFollowTheContext()
    {
        manual_seed(23);
        var flow = Maf.Create(2, 1, layers: 2, hidden: new[] { 16 });
        flow.to(ScalarType.Float64);
        using var scope = NewDisposeScope();
        using var g = new Generator(9);
        var context = tensor(new[] { 0.7 }).view(1, 1);

        var samples = flow.Sample(20000, context, g);
        var z = flow.Forward(samples, context.expand(20000, 1));

        Assert.Equal(new long[] { 20000, 2 }, samples.shape);
        Assert.True(z.mean(new long[] { 0 }).abs().max().item<double>() < 0.03);
        Assert.True((z.std(0) - 1).abs().max().item<double>() < 0.03);
        Assert.True((flow.Inverse(z, context.expand(20000, 1)) - samples).abs().max().item<double>() < 1e-9);
    }

    [Fact]
    public void PaperConfigurationsHaveThePaperSizes()
    {
        var feature = Nsf.FeatureFlow(2, 3);
        var kinematic = Nsf.KinematicFlow(1, 2);

        var featureLayers = feature.modules().OfType<AutoregressiveTransform>().ToList();
        Assert.Equal(2, featureLayers.Count);
        Assert.All(featureLayers, l => Assert.Equal(30, ((MonotonicSpline)l.Function).Bins));
        Assert.Equal(new long[] { 5, 128, 128, 128, 128 }, featureLayers[0].modules().OfType<MaskedLinear>().Select(l => l.InFeatures));
        Assert.Single(feature.modules().OfType<Permutation>());

        var kinematicLayer = Assert.Single(kinematic.modules().OfType<AutoregressiveTransform>());
        Assert.Equal(20, ((MonotonicSpline)kinematicLayer.Function).Bins);
        Assert.Equal(new long[] { 3, 64, 64, 64 }, kinematicLayer.modules().OfType<MaskedLinear>().Select(l => l.InFeatures));
        Assert.Equal(MonotonicSpline.DefaultBound, ((MonotonicSpline)kinematicLayer.Function).Bound);
    }

    [Fact]
    public void WrongShapesAreRejectedWithClearMessages()
    {
        var flow = Nsf.Create(2, 3, layers: 1, bins: 4, hidden: new[] { 8 });
        using var scope = NewDisposeScope();
        var y = zeros(10, 2);

        Assert.Contains("context [N, 3] is required", Assert.Throws<ArgumentException>(() => flow.LogProb(y)).Message);
        Assert.Contains("must be [10, 3]", Assert.Throws<ArgumentException>(() => flow.LogProb(y, zeros(10, 2))).Message);
        Assert.Contains("must be [N, 2]", Assert.Throws<ArgumentException>(() => flow.LogProb(zeros(10, 3), zeros(10, 3))).Message);
    }
}
