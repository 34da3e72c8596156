using FnfDsl.Analysis;
using FnfDsl.Doi;
using FnfDsl.IO;
using FnfDsl.Training;
using FnfDsl.Testing.Toy;
using FnfDsl.Tables;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Analysis;

/// The whole runtime chain on a tiny toy dataset: every stage runs and its outputs have the properties they must have.
public class AnalysisPipelineTests
{
    [Fact]
    public void EveryStageRunsAndKeepsItsInvariants()
    {
        var (nominal, variations) = ToyFixture.SimulationSamples(3000, 1500, 11);
        var dataTable = ToyGenerator.Data(1000, 1000, 99);
        var data = ToyFixture.Events(dataTable, "data");
        var spec = ToyFixture.Spec(yield: 1000);
        var model = new AnalysisModel(spec, Normalization.Fit(nominal.Events.X, nominal.Events.Y, data.Y), new AnalysisModelOptions { Seed = 3 });
        var train = new TrainerOptions { Epochs = 2, BatchSize = 512, LearningRate = 3e-3, Seed = 5 };

        var (features, kinematics) = NominalTraining.Train(model, nominal, train);
        Assert.True(double.IsFinite(features.BestLoss) && kinematics is not null && double.IsFinite(kinematics.BestLoss));
        Assert.All(model.NominalParameters(false), p => Assert.False(p.requires_grad));

        var nominalState = model.NominalParameters(false).Select(p => p.detach().clone()).ToList();
        var systematics = SystematicsTraining.Train(model, variations, train);
        Assert.True(double.IsFinite(systematics.BestLoss));
        // The nominal flows are frozen during the FNF stage: bitwise unchanged.
        Assert.All(model.NominalParameters(false).Zip(nominalState), t => Assert.True(t.First.equal(t.Second).all().item<bool>()));

        var fit = DoiFit.Run(model, data, new DoiFitOptions { Epochs = 2, BatchSize = 500, Seed = 2 });
        Assert.Equal(4, fit.Nu.Length);
        Assert.All(fit.Nu, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(fit.Nu, model.NuHat, new Tolerance(1e-6));

        var step1 = AnalysisProfiler.Step1(model, data);
        Assert.Equal(fit.Nll, step1.Nll(fit.Nu), 3);
        var scan = step1.Scan(ToyNuisances.VariationYName, FnfDsl.Profiling.Scans.Grid(fit.Nu[1] - 1, fit.Nu[1] + 1, 9), fit.Nu, profile: false);
        // The refined fit is a local minimum: lower than its grid neighbours (step 0.25). A two-epoch DoI can leave the
        // NLL along nu_y with another, lower minimum further out (seen once in CI, at the grid's edge), so not the global one.
        // The scan passes through the fit: its middle point, at the fit's nu, has the fit's NLL.
        Assert.Equal(step1.Nll(fit.Nu), scan.Nll[4], 1e-6 * Math.Abs(scan.Nll[4]));
        // The profiler keeps T's image of the events between evaluations: the same values as the streamed likelihood.
        foreach (int edge in new[] { 0, 8 })
        {
            var at = (double[])fit.Nu.Clone();
            at[1] = scan.Grid[edge];
            double streamed = step1.Likelihood.Value(data, fit.Theta, at);
            Assert.Equal(streamed, scan.Nll[edge], 1e-6 * Math.Abs(streamed));
        }
        Assert.True(scan.Nll[4] <= scan.Nll[3] && scan.Nll[4] <= scan.Nll[5],
            $"the refined nu_y = {fit.Nu[1]:F3} is not a local minimum of the scan: {string.Join(", ", scan.Nll.Select(v => v.ToString("F3")))}");

        // R starts at the identity (every head's output layer is zero, the offset head's too): before its training the
        // amortized NLL equals the step-1 NLL at every nu.
        var step2 = AnalysisProfiler.Amortized(model, data);
        var away = fit.Nu.Select(v => v + 0.4).ToArray();
        Assert.Equal(step1.Nll(fit.Nu), step2.Nll(fit.Nu), 3);
        Assert.Equal(step1.Nll(away), step2.Nll(away), 3);
        var box = NuBox.FromIntervals(fit.Nu.Select(v => (v - 1.0, v + 1.0)).ToList());
        var amortized = AmortizedTraining.Train(model, data, fit.Theta, box, new AmortizedOptions { Trainer = train });
        Assert.True(double.IsFinite(amortized.BestLoss));
        // The focused box of a second pass: around the amortized minimum, inside the first box.
        var (focused, minimum) = AmortizedTraining.FocusedBox(step2, [.. fit.Theta, .. fit.Nu], box, reach: 4.0);
        var minimumNu = minimum.Parameters[fit.Theta.Length..];
        Assert.True(box.Contains(minimumNu) && focused.Contains(minimumNu), $"minimum {string.Join(", ", minimumNu)}");
        Assert.True(box.Contains(focused.Low) && box.Contains(focused.High));
        Assert.True(AmortizedTraining.Train(model, data, fit.Theta, focused, new AmortizedOptions { Trainer = train }).BestLoss is var l && double.IsFinite(l));

        // The profiler was built before R's training: its prepared chunks (T's image, R's head outputs) are prepared again,
        // and the objective is the streamed likelihood's value and gradient to rounding.
        foreach (var nu in new[] { fit.Nu, away })
        {
            var cached = FnfDsl.Profiling.Derivatives.ValueAndGradient(step2.Objective, [.. fit.Theta, .. nu]);
            var streamed = step2.Likelihood.ValueAndGradient(data, fit.Theta, nu);
            // float32 densities: the two paths sum the heads' terms in another order.
            Assert.Equal(streamed.Value, cached.Value, 1e-6 * Math.Abs(streamed.Value));
            for (int i = 0; i < nu.Length; i++) Assert.Equal(streamed.Nu[i], cached.Gradient[fit.Theta.Length + i], 1e-3 * (1 + Math.Abs(streamed.Nu[i])));
        }

        var best = step2.Fit(fit.Nu);
        var hessian = step2.Hessian(best.Parameters);
        Assert.All(hessian.Modes.Eigenvalues, l => Assert.True(l > 0, $"eigenvalue {l}"));
        Assert.All(hessian.Errors, e => Assert.True(e > 0 && e < 5, $"error {e}"));

        using var grid = tensor(new double[] { 0.0, 0.0, 1.0, -0.5, -1.0, 1.0 }, [3, 2], ScalarType.Float32);
        var modes = DoiVariations.Principal(model, hessian, grid, [2.0], 0);
        Assert.Equal(4, modes.Count);
        using var g = new Generator(4);
        var band = DoiVariations.Band(model, hessian, grid, [2.0], 0, 20, g);
        for (int i = 0; i < 3; i++)
            for (int d = 0; d < 2; d++)
                Assert.True(band.Min[i, d] <= band.Low[i, d] && band.Low[i, d] <= band.High[i, d] && band.High[i, d] <= band.Max[i, d]);

        var pseudo = PseudoData.Sample(model, fit.Theta, best.Parameters, g, throughDoi: true, amortized: true);
        // The sampled count is Poisson(N(theta, nu)) at the parameters used: within 5 standard deviations of it.
        double expected;
        using (var t = tensor(fit.Theta, dtype: ScalarType.Float64))
        using (var n = tensor(best.Parameters, dtype: ScalarType.Float64))
        using (var yields = model.Mixture.Yields(t, n))
            expected = yields.sum().item<double>();
        Assert.InRange(pseudo.Count, expected - 5 * Math.Sqrt(expected), expected + 5 * Math.Sqrt(expected));
        Assert.True(pseudo.Y.isfinite().all().item<bool>());

        var ensemble = BootstrapEnsemble.Run(model, data, best.Parameters, new BootstrapOptions { Replicas = 2, Fit = new DoiFitOptions { Epochs = 1, BatchSize = 500 }, ScanPoints = 7, ScanParameters = [ToyNuisances.VariationYName] });
        Assert.Equal(2, ensemble.Replicas.Count);
        Assert.Equal(model.NuHat, fit.Nu, new Tolerance(1e-6)); // the ensemble restores nu_hat

        // Save and load: same NLL; another declaration is refused.
        string dir = Directory.CreateTempSubdirectory("fnfdsl-model").FullName;
        string path = Path.Combine(dir, "model.pt");
        model.Save(path);
        var loaded = AnalysisModel.Load(spec, path, model.Options);
        Assert.Equal(step2.Nll(best.Parameters), AnalysisProfiler.Amortized(loaded, data).Nll(best.Parameters), 6);
        var other = spec with { Fingerprint = "another-declaration" };
        var ex = Assert.Throws<ModelFileException>(() => AnalysisModel.Load(other, path, model.Options));
        Assert.Contains("fingerprint", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    private sealed class Tolerance(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= eps;
        public int GetHashCode(double v) => 0;
    }
}
