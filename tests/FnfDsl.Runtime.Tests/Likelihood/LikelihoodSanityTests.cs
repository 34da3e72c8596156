using FnfDsl.Likelihood;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Likelihood;

/// Fits on samples whose answer is known: yield fractions, constraint pull, rate nuisances.
public class LikelihoodSanityTests
{
    private static readonly double[] Mx = [-1.0, 1.0], My = [-0.8, 0.8];

    private static MixtureModel FreeYields(double nominal) =>
        new([new("A", nominal), new("B", nominal)], ["mu_A", "mu_B"], [], [new PoiScale(0, 0), new PoiScale(1, 1)]);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void APureFlavourSampleFitsToThatFlavourOnly(int flavour)
    {
        var mix = new AnalyticMixture(Mx, My, nuisances: 0);
        var events = AnalyticMixture.Events(mix.Sample(2000, flavour, [], seed: 21));
        var likelihood = new MixtureLikelihood(FreeYields(1000), mix.Densities, LikelihoodMode.Joint);
        var fit = LikelihoodFit.Minimize(likelihood, events, [1, 1], [], free: [0, 1], lower: [0, 0]);

        double[] yields = fit.Theta.Select(mu => 1000 * mu).ToArray();
        double fraction = yields[flavour] / yields.Sum();
        Assert.True(fraction > 0.98, $"fitted fraction of the pure flavour {fraction}");
        Assert.True(Math.Abs(yields[flavour] - 2000) < 3 * Math.Sqrt(2000), $"fitted yield {yields[flavour]} for 2000 events");
    }

    [Theory]
    [InlineData(LikelihoodMode.Joint)]
    [InlineData(LikelihoodMode.Conditional)]
    public void AMixedSampleFitsItsYieldFractionWithinErrors(LikelihoodMode mode)
    {
        var mix = new AnalyticMixture(Mx, My, nuisances: 0);
        var events = AnalyticMixture.Events(mix.Sample(1500, 0, [], seed: 31), mix.Sample(500, 1, [], seed: 32));
        var likelihood = new MixtureLikelihood(FreeYields(1000), mix.Densities, mode);
        // The conditional likelihood only sees fractions: fix mu_A and fit mu_B.
        int[] free = mode == LikelihoodMode.Joint ? [0, 1] : [1];
        var fit = LikelihoodFit.Minimize(likelihood, events, [mode == LikelihoodMode.Joint ? 1.0 : 1.5, 1], [], free, lower: [0, 0]);

        if (mode == LikelihoodMode.Joint)
        {
            Assert.True(Math.Abs(1000 * fit.Theta[0] - 1500) < 3 * 1000 * fit.Errors[0], $"N_A = {1000 * fit.Theta[0]} +- {1000 * fit.Errors[0]}");
            Assert.True(Math.Abs(1000 * fit.Theta[1] - 500) < 3 * 1000 * fit.Errors[1], $"N_B = {1000 * fit.Theta[1]} +- {1000 * fit.Errors[1]}");
            Assert.InRange(1000 * fit.Errors[0], 30, 80); // ~ sqrt(1500) inflated by the overlap of the flavours
        }
        else
        {
            // N_B / N_A = 500 / 1500: mu_B = 0.5 with mu_A = 1.5.
            Assert.True(Math.Abs(fit.Theta[1] - 0.5) < 3 * fit.Errors[1], $"mu_B = {fit.Theta[1]} +- {fit.Errors[1]}");
            Assert.InRange(fit.Errors[1], 0.01, 0.2);
        }
    }

    [Fact]
    public void TheConstraintPullsANuisanceWithoutInformationBackToZero()
    {
        // Two nuisances that no density depends on: the Gaussian one returns to 0 with unit curvature, the free one is flat.
        var mix = new AnalyticMixture(Mx, My, nuisances: 2, shiftX: 0, shiftY: 0);
        var events = AnalyticMixture.Events(mix.Sample(500, 0, [0, 0], seed: 41));
        var model = new MixtureModel([new("A", 500), new("B", 500)], [],
            [new("constrained"), new("free", Prior.Free)], []);
        var likelihood = new MixtureLikelihood(model, mix.Densities, LikelihoodMode.Joint);
        var fit = LikelihoodFit.Minimize(likelihood, events, [], [1.7, 0.9], free: [0]);
        Assert.Equal(0.0, fit.Nu[0], 6);
        Assert.Equal(1.0, fit.Hessian[0, 0], 8);
        Assert.Equal(0.0, fit.Hessian[1, 1], 8);
        Assert.Equal(0.0, likelihood.ValueAndGradient(events, [], [0, 0.9]).Nu[1], 9);
    }

    [Fact]
    public void ALogNormalRateFitsTheAnalyticMinimum()
    {
        // One flavour, no shape information: NLL(nu) = N0 k^nu - n nu log k + nu^2 / 2 + const.
        var mix = new AnalyticMixture(Mx, My, nuisances: 1);
        var events = AnalyticMixture.Events(mix.Sample(1200, 0, [0], seed: 51));
        var model = new MixtureModel([new("A", 1000), new("B", 0)], [], [new("norm_A")], [new LogNormalRate(0, 0, 1.1)]);
        var likelihood = new MixtureLikelihood(model, mix.Densities, LikelihoodMode.Joint);
        var fit = LikelihoodFit.Minimize(likelihood, events, [], [0], free: [0]);

        double k = Math.Log(1.1);
        double Derivative(double nu) => 1000 * Math.Exp(nu * k) * k - 1200 * k + nu;
        double lo = -5, hi = 5;
        for (int i = 0; i < 200; i++) { double mid = 0.5 * (lo + hi); if (Derivative(mid) > 0) hi = mid; else lo = mid; }
        Assert.Equal(0.5 * (lo + hi), fit.Nu[0], 5);
        Assert.True(fit.Nu[0] > 1, "1200 events for 1000 expected should pull norm_A up by about 1.9 sigma");
    }
}
