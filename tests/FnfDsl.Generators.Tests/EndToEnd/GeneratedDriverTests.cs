using FnfDsl.Analysis;
using FnfDsl.IO;
using FnfDsl.Profiling;
using ToyEndToEnd;
using static TorchSharp.torch;

namespace FnfDsl.Generators.Tests.EndToEnd;

/// <summary>
/// The toy declaration's generated drivers, run on small data: training, the step-1 fit, scans, the Hessian, saving
/// and loading (with the fingerprint check), the amortized DoI, pseudo-data and the bootstrap, all through typed members.
/// </summary>
public sealed class GeneratedDriverTests(TrainedToy toy) : IClassFixture<TrainedToy>
{
    [Fact]
    public void TrainingConvergesAndTrainsTheNamedHeads()
    {
        Assert.True(double.IsFinite(toy.Nominal.Features.BestLoss));
        Assert.True(double.IsFinite(toy.Nominal.Kinematics!.BestLoss));
        Assert.True(double.IsFinite(toy.Systematics.BestLoss));
        Assert.Equal(0, toy.Nominal.Features.NanRecoveries + toy.Systematics.NanRecoveries);

        // Each typed head is the head of its own nuisance, and training moved its zero-initialised output layer.
        var heads = new[] { (toy.Model.VariationXKinematicHead, ToyAnalysis.Nuisances.Index.VariationX), (toy.Model.VariationYFeatureHead, ToyAnalysis.Nuisances.Index.VariationY) };
        foreach (var (head, nuisance) in heads)
        {
            Assert.Equal(new[] { nuisance }, head.Nuisances);
            var mlp = head.Layer(0);
            using var output = mlp.Weight(mlp.Depth - 1).abs().sum();
            Assert.True(output.item<double>() > 0, $"head {head.HeadName} was not trained");
        }
    }

    [Fact]
    public void Step1FitIsAMinimumWithAPositiveDefiniteHessian()
    {
        Assert.True(double.IsFinite(toy.Step1.Nll));
        Assert.All(toy.Step1.NuHat.ToArray(), v => Assert.True(double.IsFinite(v)));
        Assert.Equal(toy.Step1.NuHat.ToArray(), toy.Model.Runtime.NuHat);

        // The step-1 fit ends with an exact Newton minimum over nu, so refitting from it finds the same point.
        Assert.True(toy.Best.Converged);
        Assert.Equal(toy.Step1.Nll, toy.Best.Nll, 1e-4);
        Assert.Equal(toy.Profiler.Nll(toy.Best.At), toy.Best.Nll, 1e-9);

        var hessian = toy.Hessian;
        Assert.Equal(ToyAnalysis.Parameters.Count, hessian.ModeCount);
        for (int m = 0; m < hessian.ModeCount; m++)
            Assert.True(hessian.Result.Modes.Eigenvalues[m] > 0, $"eigenvalue {m} is {hessian.Result.Modes.Eigenvalues[m]}");
        foreach (var parameter in Enum.GetValues<ToyAnalysis.ParameterId>())
        {
            double error = hessian.Error(parameter);
            Assert.True(error > 0 && error < 1.0 + 1e-9, $"{parameter}: error {error} (the unit Gaussian constraint alone gives 1)");
            Assert.Equal(hessian.Errors[parameter], error);
            Assert.Equal(1.0, hessian.Correlation(parameter, parameter), 1e-12);
        }
        Assert.Equal(toy.Best.At.ToArray(), hessian.At.ToArray());
    }

    // The scans are checked against the Hessian in the local limit: with tiny, briefly trained spline flows the NLL is far
    // from quadratic on the one-sigma scale (a rational-quadratic spline is only C1, so every event crossing a knot adds a
    // kink in nu; measured here: 2 Delta NLL = 0.5 at 1 / sqrt(H_ii) for VariationY), while near the minimum the Hessian
    // is exact. Each parameter has its own curvature, so a scan and a Hessian row of different parameters disagree.

    [Fact]
    public void FixedScanHasItsMinimumAtTheFitAndTheHessiansCurvature()
    {
        // With the others fixed, NLL(best + d) - NLL(best) = H_ii d^2 / 2 for small d.
        double best = toy.Best.Nuisances.VariationY, d = 1e-4;
        double curvature = toy.Hessian.Curvature(ToyAnalysis.ParameterId.VariationY, ToyAnalysis.ParameterId.VariationY);

        var scan = toy.Profiler.ScanVariationY([best - d, best, best + d], profile: false, at: toy.Best.At);

        Assert.Equal(best, scan.Minimum);
        Assert.Equal(toy.Best.Nll, scan.Nll[1], 1e-9);
        Assert.Equal(1.0, (scan.Nll[0] - 2 * scan.Nll[1] + scan.Nll[2]) / (d * d) / curvature, 0.01);
        // The typed scan is the generic scan of the same parameter.
        Assert.Equal(scan.Nll, toy.Profiler.Scan(ToyAnalysis.ParameterId.VariationY, [best - d, best, best + d], profile: false, at: toy.Best.At).Nll);
    }

    [Fact]
    public void ProfiledScanHasItsMinimumAtTheFitAndTheProfiledError()
    {
        // With the others profiled, 2 Delta NLL = (d / sigma)^2 for small d, sigma = sqrt((H^-1)_ii) the Hessian's error.
        double best = toy.Best.Nuisances.NormA, sigma = toy.Hessian.Error(ToyAnalysis.ParameterId.NormA), d = 0.01 * sigma;

        var scan = toy.Profiler.ScanNormA([best - d, best, best + d], profile: true, at: toy.Best.At);

        Assert.Equal(best, scan.Minimum);
        Assert.Equal(toy.Best.Nll, scan.Nll[1], 1e-9);
        Assert.Equal(1.0, scan.TwoDeltaNll[0] / 1e-4, 0.1);
        Assert.Equal(1.0, scan.TwoDeltaNll[2] / 1e-4, 0.1);
        // Profiling moved the other parameters off the best fit (NormA is correlated with them through the yields).
        Assert.NotEqual(toy.Best.Nuisances.NormB, scan.Parameters[0][(int)ToyAnalysis.ParameterId.NormB]);
    }

    [Fact]
    public void TwoDimensionalScanOfAPairIsLowestAtTheFit()
    {
        var at = toy.Best.At;
        double[] gridX = Scans.Grid(at.Nuisances.VariationX - 1, at.Nuisances.VariationX + 1, 3);
        double[] gridY = Scans.Grid(at.Nuisances.VariationY - 1, at.Nuisances.VariationY + 1, 3);

        var scan = toy.Profiler.Scan2D(ToyAnalysis.ParameterId.VariationX, ToyAnalysis.ParameterId.VariationY, gridX, gridY, profile: false, at: at);

        Assert.Equal(toy.Best.Nll, scan.Nll[1, 1], 1e-9);
        foreach (double v in scan.Nll)
            Assert.True(v >= scan.Nll[1, 1] - 1e-9, $"{v} is below the minimum {scan.Nll[1, 1]}");
    }

    [Fact]
    public void SavedModelLoadsBackAndAnotherDeclarationRefusesIt()
    {
        string folder = Directory.CreateTempSubdirectory("fnfdsl-e2e-").FullName;
        try
        {
            string path = Path.Combine(folder, "toy.model");
            var metadata = toy.Model.Save(path);
            Assert.Equal(ToyAnalysis.Fingerprint, metadata.Fingerprint);

            using (var loaded = ToyAnalysis.Model.Load(path, TrainedToy.Options))
                Assert.Equal(toy.Profiler.Nll(toy.Best.At), loaded.ProfileStep1(toy.Data).Nll(toy.Best.At), 1e-6);

            Assert.NotEqual(ToyAnalysis.Fingerprint, ToyEndToEnd.Variant.ToyAnalysis.Fingerprint);
            var refused = Assert.Throws<ModelFileException>(() => ToyEndToEnd.Variant.ToyAnalysis.Model.Load(path, TrainedToy.Options));
            Assert.Contains("fingerprint", refused.Message);
            Assert.Contains(ToyAnalysis.Fingerprint, refused.Message);
            Assert.Contains(ToyEndToEnd.Variant.ToyAnalysis.Fingerprint, refused.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AmortizedDoiStartsAtStep1_AndTrainsInsideTheBox()
    {
        var (low, high) = toy.Hessian.NuisanceBox();
        Assert.All(Enumerable.Range(0, ToyAnalysis.Nuisances.Count), k => Assert.True(low.ToArray()[k] < toy.Best.At.Nuisances.ToArray()[k]));

        // Every head of R (the offset head too) starts at zero output: before training T(.; nu) = T_hat, so the amortized
        // likelihood is the step-1 one at nu_hat.
        Assert.Equal(toy.Profiler.Nll(toy.Step1.At), toy.Model.ProfileAmortized(toy.Data).Nll(toy.Step1.At), 1e-8);

        var result = toy.Model.TrainAmortized(toy.Data, low, high, new AmortizedOptions { Trainer = new() { Epochs = 1, BatchSize = 256, Seed = 2 } });

        Assert.True(double.IsFinite(result.BestLoss));
        Assert.True(double.IsFinite(toy.Model.ProfileAmortized(toy.Data).Nll(toy.Step1.At)));

        // The focused box of a second pass lies inside the first box and holds the start; a second pass trains there.
        var (focusLow, focusHigh) = toy.Model.FocusAmortized(toy.Data, toy.Step1.At, low, high, reach: 2.0);
        double[] l = low.ToArray(), h = high.ToArray(), fl = focusLow.ToArray(), fh = focusHigh.ToArray(), nu = toy.Step1.At.Nuisances.ToArray();
        for (int k = 0; k < l.Length; k++)
        {
            Assert.True(l[k] <= fl[k] && fl[k] < fh[k] && fh[k] <= h[k], $"nuisance {k}: focused [{fl[k]}, {fh[k]}] not inside [{l[k]}, {h[k]}]");
            Assert.InRange(Math.Clamp(nu[k], l[k], h[k]), fl[k], fh[k]);
        }
        var second = toy.Model.TrainAmortized(toy.Data, focusLow, focusHigh, new AmortizedOptions { Trainer = new() { Epochs = 1, BatchSize = 256, Seed = 3 } });
        Assert.True(double.IsFinite(second.BestLoss));
    }

    [Fact]
    public void PseudoDataConvertsToTypedEvents()
    {
        using var generator = new Generator(7);

        var sample = toy.Model.PseudoData(toy.Best.At, generator);

        var events = ToyAnalysis.Event.FromTensors(sample.X, sample.Y);
        var flavours = ToyAnalysis.FlavoursOf(sample.Flavour);
        double expected = ToyAnalysis.TotalYield(toy.Best.Nuisances);
        Assert.Equal(sample.Count, events.Length);
        Assert.Equal(events.Length, flavours.Length);
        Assert.InRange(events.Length, expected - 5 * Math.Sqrt(expected), expected + 5 * Math.Sqrt(expected));
        Assert.Contains(ToyAnalysis.Flavour.A, flavours);
        Assert.Contains(ToyAnalysis.Flavour.B, flavours);
        Assert.All(events, e => Assert.True(float.IsFinite(e.X) && float.IsFinite(e.Y1) && float.IsFinite(e.Y2)));
    }

    [Fact]
    public void BootstrapNamesItsCurvesAndRestoresTheFit()
    {
        double before = toy.Profiler.Nll(toy.Step1.At);
        var options = new BootstrapOptions { Replicas = 2, ScanPoints = 5, ScanHalfWidth = 1.0, Fit = new DoiFitOptions { Epochs = 1, BatchSize = 256, RefineParameters = false } };

        var ensemble = toy.Model.Bootstrap(toy.Data, toy.Step1.At, options, scan: [ToyAnalysis.ParameterId.VariationY]);

        Assert.Equal(2, ensemble.ReplicaCount);
        Assert.Equal(5, ensemble.Grid(ToyAnalysis.ParameterId.VariationY).Length);
        Assert.All(ensemble.AveragedNll(ToyAnalysis.ParameterId.VariationY), v => Assert.True(double.IsFinite(v)));
        Assert.All(ensemble.Replica(1).ToArray(), v => Assert.True(double.IsFinite(v)));
        var unscanned = Assert.Throws<ArgumentException>(() => ensemble.AveragedNll(ToyAnalysis.ParameterId.NormA));
        Assert.Contains("NormA was not scanned", unscanned.Message);
        Assert.Equal(before, toy.Profiler.Nll(toy.Step1.At), 1e-9);
    }
}
