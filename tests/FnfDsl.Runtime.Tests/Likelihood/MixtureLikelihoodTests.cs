using FnfDsl.Fnf;
using FnfDsl.Likelihood;
using FnfDsl.Profiling;
using FnfDsl.Tests.Fnf;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Likelihood;

/// The mixture NLL: its value against the formula, its gradients against finite differences, streaming.
public class MixtureLikelihoodTests
{
    private static double NormalLogPdf(double v, double mean) => -0.5 * (v - mean) * (v - mean) - 0.5 * Math.Log(2 * Math.PI);

    [Theory]
    [InlineData(LikelihoodMode.Joint)]
    [InlineData(LikelihoodMode.Conditional)]
    public void ValueMatchesTheFormulaOfMethodSection1(LikelihoodMode mode)
    {
        double[] mx = [-1.0, 0.5], my = [0.4, -0.6];
        var mix = new AnalyticMixture(mx, my, nuisances: 2, shiftX: 0.2, shiftY: 0.7);
        double[] x = [0.3, -1.2, 2.0, 0.0, 1.1], y = [0.5, 0.1, -0.7, 1.5, -0.2], w = [1, 2, 0, 1, 3];
        var events = EventData.Create(tensor(x).unsqueeze(1), tensor(y).unsqueeze(1), tensor(w));
        var model = new MixtureModel([new("A", 40), new("B", 25)], ["mu"],
            [new("shape"), new("norm_B")], [new PoiScale(0, 0), new LogNormalRate(1, 1, 1.2, 1.1)]);
        var likelihood = new MixtureLikelihood(model, mix.Densities, mode, chunkSize: 2);
        double mu = 1.3, nuShape = -0.4, nuNorm = -0.8;

        double[] yields = [40 * mu, 25 * Math.Pow(1.2, nuNorm)];
        double expected = 0.5 * (nuShape * nuShape + nuNorm * nuNorm) + (mode == LikelihoodMode.Joint ? yields.Sum() : 0);
        for (int i = 0; i < x.Length; i++)
        {
            double[] px = new[] { 0, 1 }.Select(f => Math.Exp(NormalLogPdf(x[i], mx[f] + 0.2 * nuShape))).ToArray();
            double[] py = new[] { 0, 1 }.Select(f => Math.Exp(NormalLogPdf(y[i], my[f] + 0.3 * x[i] + 0.7 * nuShape))).ToArray();
            double joint = yields[0] * px[0] * py[0] + yields[1] * px[1] * py[1];
            double kinematic = yields[0] * px[0] + yields[1] * px[1];
            expected -= w[i] * Math.Log(mode == LikelihoodMode.Joint ? joint : joint / kinematic);
        }
        Assert.Equal(expected, likelihood.Value(events, [mu], [nuShape, nuNorm]), 10);
    }

    /// A full chain: FNF-distorted Gaussians for p(y | x, f, nu) and p(x | f, nu), a POI, an asymmetric
    /// log-normal rate, Gaussian and free nuisances, per-event weights, small chunks.
    private static (MixtureLikelihood Likelihood, EventData Events, FnfTransform FeatureFnf) FullChain(LikelihoodMode mode, bool kinematics = true)
    {
        var featureFnf = FnfTestModels.Perturbed(new FnfTransform(2, 1, 2, 4,
            [new FnfHeadSpec("nu_y", 0, [8, 8]), new FnfHeadSpec("free", 3, [8], Flavours: [1])],
            new FnfOptions(Layers: 2, QuadraticDamping: 0.5)), scale: 0.2);
        featureFnf.to(ScalarType.Float64);
        var kinematicFnf = FnfTestModels.Perturbed(new FnfTransform(1, 0, 2, 4, [new FnfHeadSpec("nu_x", 1, [8])]), scale: 0.2);
        kinematicFnf.to(ScalarType.Float64);
        var nominalY = new LinearGaussian([0.1, -0.2], new double[,] { { 0.3, -0.1 }, { 0.5, 0.2 }, { -0.5, -0.3 } }, new double[0, 2], [1.0, 0.8]);
        var nominalX = new LinearGaussian([0.0], new double[,] { { 2.0 }, { 3.0 } }, new double[0, 1], [0.7]);
        var densities = new FlavourDensities(new SystematicDensity(nominalY, featureFnf),
            kinematics ? new SystematicDensity(nominalX, kinematicFnf) : null, 2);
        var model = new MixtureModel([new("A", 300), new("B", 200)], ["mu"],
            [new("nu_y"), new("nu_x"), new("norm_A"), new("free", Prior.Free)],
            [new PoiScale(0, 0), new LogNormalRate(2, 0, 1.15, 1.1)]);

        var g = new Generator(5);
        long n = 150;
        var x = randn([n, 1], dtype: ScalarType.Float64, generator: g).add(2.5);
        var y = randn([n, 2], dtype: ScalarType.Float64, generator: g);
        var w = rand([n], dtype: ScalarType.Float64, generator: g).mul(2);
        return (new MixtureLikelihood(model, densities, mode, chunkSize: 32), EventData.Create(x, y, w), featureFnf);
    }

    [Theory]
    [InlineData(LikelihoodMode.Joint, true, 0.5)]
    [InlineData(LikelihoodMode.Joint, true, -0.5)]
    [InlineData(LikelihoodMode.Conditional, true, 0.5)]
    [InlineData(LikelihoodMode.Conditional, false, -0.5)]
    public void GradientMatchesFiniteDifferences(LikelihoodMode mode, bool kinematics, double norm)
    {
        var (likelihood, events, _) = FullChain(mode, kinematics);
        double[] theta = [1.2], nu = [0.3, -0.4, norm, 0.2];
        var exact = likelihood.ValueAndGradient(events, theta, nu);
        double[] all = [.. theta, .. nu], gradient = [.. exact.Theta, .. exact.Nu];
        const double h = 1e-5;
        for (int i = 0; i < all.Length; i++)
        {
            double Shifted(double d)
            {
                double[] p = (double[])all.Clone();
                p[i] += d;
                return likelihood.Value(events, p[..1], p[1..]);
            }
            double numeric = (Shifted(h) - Shifted(-h)) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[i]) < 1e-6 * Math.Max(1, Math.Abs(numeric)),
                $"parameter {i}: autograd {gradient[i]}, finite differences {numeric}");
        }
        Assert.True(Math.Abs(exact.Nu[0]) > 1e-3, "nu_y should matter");
        Assert.Equal(likelihood.Value(events, theta, nu), exact.Value, 9);
    }

    [Fact]
    public void GradientOfAHeadParameterMatchesFiniteDifferences()
    {
        var (likelihood, events, fnf) = FullChain(LikelihoodMode.Joint);
        double[] theta = [1.2], nu = [0.6, -0.4, 0.5, 0.2];
        var mlp = fnf.Head("nu_y").Layer(0);
        var weight = mlp.Weight(1);
        fnf.zero_grad();
        likelihood.ValueAndGradient(events, theta, nu);
        double exact = mlp.WeightGradient(1)![2, 3].item<double>();

        double Shifted(double d)
        {
            using (no_grad()) weight[2, 3].add_(d);
            double v = likelihood.Value(events, theta, nu);
            using (no_grad()) weight[2, 3].sub_(d);
            return v;
        }
        const double h = 1e-5;
        double numeric = (Shifted(h) - Shifted(-h)) / (2 * h);
        Assert.True(Math.Abs(exact) > 1e-4, "the chosen weight should matter");
        Assert.True(Math.Abs(numeric - exact) < 1e-6 * Math.Max(1, Math.Abs(numeric)), $"autograd {exact}, finite differences {numeric}");
    }

    [Fact]
    public void StreamingInChunksGivesTheSameValueAndGradient()
    {
        var (small, events, _) = FullChain(LikelihoodMode.Joint);
        var whole = new MixtureLikelihood(small.Model, small.Densities, small.Mode, chunkSize: 1_000_000);
        var oddChunks = new MixtureLikelihood(small.Model, small.Densities, small.Mode, chunkSize: 7);
        double[] theta = [0.9], nu = [0.1, 0.2, -0.3, 0.4];
        var reference = whole.ValueAndGradient(events, theta, nu);
        var chunked = oddChunks.ValueAndGradient(events, theta, nu);
        Assert.Equal(reference.Value, chunked.Value, 9);
        for (int k = 0; k < nu.Length; k++) Assert.Equal(reference.Nu[k], chunked.Nu[k], 9);
        Assert.Equal(reference.Theta[0], chunked.Theta[0], 9);
    }

    [Fact]
    public void EvaluationLeavesNoLiveTensorsBehind()
    {
        var (likelihood, events, _) = FullChain(LikelihoodMode.Joint);
        double[] theta = [1.0], nu = [0.1, 0.2, -0.3, 0.4];
        likelihood.ValueAndGradient(events, theta, nu); // warm-up: creates the parameters' .grad once
        var stats = DisposeScopeManager.Statistics.TensorStatistics;
        long before = stats.ThreadTotalLiveCount;
        likelihood.Value(events, theta, nu);
        likelihood.ValueAndGradient(events, theta, nu);
        Assert.Equal(before, stats.ThreadTotalLiveCount);
    }

    [Fact]
    public void ExactHessianMatchesFiniteDifferencesOfTheGradient()
    {
        var (likelihood, events, _) = FullChain(LikelihoodMode.Joint);
        double[] p = [1.2, 0.3, -0.4, 0.5, 0.2];
        var objective = likelihood.AsObjective(events);
        double[,] exact = likelihood.Hessian(events, p[..1], p[1..]);
        double[,] numeric = Derivatives.FiniteDifferenceHessian(objective, p, step: 1e-4);
        for (int i = 0; i < p.Length; i++)
            for (int j = 0; j < p.Length; j++)
                Assert.True(Math.Abs(exact[i, j] - numeric[i, j]) < 1e-5 * Math.Max(1, Math.Abs(exact[i, j])),
                    $"H[{i},{j}]: autograd {exact[i, j]}, finite differences {numeric[i, j]}");
        Assert.Equal(likelihood.Value(events, p[..1], p[1..]), Derivatives.Value(objective, p), 9);
    }
}
