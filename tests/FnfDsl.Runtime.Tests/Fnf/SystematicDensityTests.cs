using FnfDsl.Flows;
using FnfDsl.Fnf;
using FnfDsl.Likelihood;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Fnf;

/// The pull-back p(y | c, nu) = p_nom(S(y)) |det dS/dy|: nominal at nu = 0, normalised at any nu, sampled through S^-1.
public class SystematicDensityTests
{
    /// A 1-D FNF (a kinematic-style density: context = 2-flavour one-hot) over a Gaussian nominal.
    private static SystematicDensity OneDimensional()
    {
        var fnf = FnfTestModels.Perturbed(new FnfTransform(1, 0, 2, 2,
            [new FnfHeadSpec("a", 0, [8, 8]), new FnfHeadSpec("b", 1, [8], Flavours: [1])], new FnfOptions(Layers: 2)), scale: 0.3);
        fnf.to(ScalarType.Float64);
        var nominal = new LinearGaussian([0.0], new double[,] { { 0.5 }, { -0.5 } }, new double[0, 1], [0.8]);
        return new SystematicDensity(nominal, fnf);
    }

    [Fact]
    public void AtNominalItIsExactlyTheNominalDensity()
    {
        var density = OneDimensional();
        using var y = linspace(-3, 3, 101, dtype: ScalarType.Float64).unsqueeze(1);
        using var context = FlavourContext.OneHot(101, 1, 2, ScalarType.Float64);
        using var nu = tensor(new[] { 0.0, 0.0 });
        Assert.True(density.LogProb(y, context, nu).equal(density.Nominal.LogProb(y, context)).all().item<bool>());
        using var moved = tensor(new[] { 0.8, -1.2 });
        Assert.True(density.LogProb(y, context, moved).sub(density.Nominal.LogProb(y, context)).abs().max().item<double>() > 0.05);
    }

    [Theory]
    [InlineData(0, 1.0, 0.0)]
    [InlineData(1, -1.5, 2.0)]
    [InlineData(1, 0.7, -0.9)]
    public void IsNormalisedAtAnyNu(int flavour, double nuA, double nuB)
    {
        var density = OneDimensional();
        // Wide and fine: at large nu the pull-back of the nominal may be many times wider or narrower than it.
        const int points = 400_001;
        const double half = 200;
        using var y = linspace(-half, half, points, dtype: ScalarType.Float64).unsqueeze(1);
        using var context = FlavourContext.OneHot(points, flavour, 2, ScalarType.Float64);
        using var nu = tensor(new[] { nuA, nuB });
        using var p = density.LogProb(y, context, nu).exp();
        double integral = p.sum().item<double>() * 2 * half / (points - 1);
        Assert.Equal(1.0, integral, 5);
    }

    [Fact]
    public void SamplesAreTheNominalDrawsMappedThroughTheInverse()
    {
        manual_seed(4);
        var flow = Nsf.Create(2, 3, layers: 1, bins: 6, hidden: [16, 16]);
        flow.to(ScalarType.Float64);
        var twoFeature = FnfTestModels.Perturbed(new FnfTransform(2, 1, 2, 2, [new FnfHeadSpec("a", 0, [8, 8])]), scale: 0.3);
        twoFeature.to(ScalarType.Float64);
        var density = new SystematicDensity(flow, twoFeature);
        Assert.All(flow.parameters(), p => Assert.False(p.requires_grad)); // the nominal flow is frozen

        using var x = rand(500, 1, dtype: ScalarType.Float64);
        using var context = cat([x, FlavourContext.OneHot(500, 0, 2, ScalarType.Float64)], 1);
        using var nu = tensor(new[] { 1.3, 0.0 });
        using var draws = density.Sample(context, nu, new Generator(9));
        using var nominal = flow.Sample(500, context, new Generator(9));
        using var mapped = twoFeature.Forward(draws, context, nu);
        Assert.True(mapped.allclose(nominal, rtol: 0, atol: 1e-8), $"S(sample) differs from the nominal draw by {mapped.sub(nominal).abs().max().item<double>()}");
        Assert.True(draws.sub(nominal).abs().max().item<double>() > 0.05, "at nu != 0 the draws should move");
        Assert.Throws<InvalidOperationException>(() => OneDimensional().Sample(FlavourContext.OneHot(3, 0, 2, ScalarType.Float64), nu));
    }

    [Fact]
    public void FlavourDensitiesGiveEveryFlavourItsOwnOneHot()
    {
        var features = new SystematicDensity(new LinearGaussian([0.1, -0.1], new double[,] { { 0.2, 0.3 }, { 1.0, 0.0 }, { 0.0, -1.0 } }, new double[0, 2], [1.0, 0.7]),
            FnfTestModels.Perturbed(new FnfTransform(2, 1, 2, 2, [new FnfHeadSpec("a", 0, [8]), new FnfHeadSpec("b", 1, [8], Flavours: [0])])));
        features.Fnf.to(ScalarType.Float64);
        var kinematics = OneDimensional();
        var both = new FlavourDensities(features, kinematics, 2);
        using var x = randn(40, 1, dtype: ScalarType.Float64);
        using var y = randn(40, 2, dtype: ScalarType.Float64);
        using var nu = randn(40, 2, dtype: ScalarType.Float64);
        var result = both.LogDensities(x, y, nu);
        for (int f = 0; f < 2; f++)
        {
            using var oneHot = FlavourContext.OneHot(40, f, 2, ScalarType.Float64);
            using var logPy = features.LogProb(y, cat([x, oneHot], 1), nu);
            using var logPx = kinematics.LogProb(x, oneHot, nu);
            Assert.True(result.Features[.., f].allclose(logPy, rtol: 0, atol: 1e-12));
            Assert.True(result.Kinematics![.., f].allclose(logPx, rtol: 0, atol: 1e-12));
        }
    }
}
