using FnfDsl.Profiling;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Profiling;

/// Properties of the generic profiling tools on objectives whose answers are known in closed form.
public class ProfilingTests
{
    // A correlated Gaussian NLL 0.5 (p - m)^T H (p - m) + sin-free quartic touch so that the Hessian is not constant.
    private static readonly double[,] H = { { 4.0, 1.2, 0.0 }, { 1.2, 2.0, -0.5 }, { 0.0, -0.5, 1.0 } };
    private static readonly double[] M = { 0.3, -1.0, 2.0 };

    private static readonly Objective Quadratic = Objective.From(QuadraticNll);
    private static readonly Objective Anharmonic = Objective.From(AnharmonicNll);

    private static Tensor QuadraticNll(Tensor p)
    {
        var d = p - tensor(M, dtype: ScalarType.Float64);
        var h = tensor(H.Cast<double>().ToArray(), new long[] { 3, 3 }, ScalarType.Float64);
        return 0.5 * d.matmul(h).matmul(d);
    }

    private static Tensor AnharmonicNll(Tensor p) => QuadraticNll(p) + 0.1 * p.pow(4).sum() + 0.2 * p[0] * p[1] * p[2];

    [Fact]
    public void AutogradHessianIsExactOnAQuadratic()
    {
        var (_, g, h) = Derivatives.ValueGradientHessian(Quadratic, new[] { 1.0, 2.0, 3.0 });
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(H[i, j], h[i, j], 12);
        Assert.Equal(H[0, 0] * 0.7 + H[0, 1] * 3.0 + H[0, 2] * 1.0, g[0], 10);
    }

    [Fact]
    public void AutogradHessianAgreesWithFiniteDifferencesToOnePartInAMillion()
    {
        // A smooth function: one central window suffices (the median of windows is for C1 splines), and its error,
        // h^2 / 6 times a third derivative of the gradient plus rounding, is ~1e-9 at h = 1e-4.
        var p = new[] { 0.4, -0.7, 1.1 };
        var exact = Derivatives.ValueGradientHessian(Anharmonic, p).Hessian;
        var fd = FiniteDifferences.Hessian(Anharmonic, p, [1e-4, 1e-4, 1e-4]);
        double scale = exact.Cast<double>().Max(Math.Abs);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                Assert.True(Math.Abs(exact[i, j] - fd[i, j]) <= 1e-6 * scale, $"H[{i},{j}] = {exact[i, j]} vs FD {fd[i, j]}");
    }

    [Fact]
    public void EigenModesReconstructTheHessian()
    {
        var modes = EigenModes.Of(H);
        var r = modes.Reconstruct();
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(H[i, j], r[i, j], 10);
        Assert.True(modes.Eigenvalues.Zip(modes.Eigenvalues.Skip(1)).All(t => t.First <= t.Second));
        // A one-sigma step along a mode raises a quadratic NLL by exactly 1/2.
        var best = M;
        for (int m = 0; m < 3; m++)
            Assert.Equal(0.5, Derivatives.Value(Quadratic, modes.Shift(best, m, +1)), 10);
    }

    [Fact]
    public void AnObjectiveSplitIntoPartsHasTheSameDerivativesAsTheWhole()
    {
        // Three "chunks" whose sum is the anharmonic objective.
        var parts = Objective.Sum(3, (i, p) => i switch
        {
            0 => QuadraticNll(p),
            1 => 0.1 * p.pow(4).sum(),
            _ => 0.2 * p[0] * p[1] * p[2],
        });
        var p0 = new[] { 0.4, -0.7, 1.1 };
        var whole = Derivatives.ValueGradientHessian(Anharmonic, p0);
        var split = Derivatives.ValueGradientHessian(parts, p0);
        Assert.Equal(whole.Value, split.Value, 12);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(whole.Gradient[i], split.Gradient[i], 12);
            for (int j = 0; j < 3; j++) Assert.Equal(whole.Hessian[i, j], split.Hessian[i, j], 12);
        }
    }

    [Fact]
    public void MinimizerFindsTheMinimumOfAnAnharmonicObjective()
    {
        var r = Minimizer.Minimize(Anharmonic, new[] { 3.0, 3.0, -3.0 });
        Assert.True(r.Converged);
        var g = Derivatives.ValueAndGradient(Anharmonic, r.Parameters).Gradient;
        Assert.All(g, v => Assert.True(Math.Abs(v) < 1e-6, $"gradient {v}"));
    }

    [Fact]
    public void MinimizerWithAFixedCurvatureReachesTheSameMinimumAsNewton()
    {
        // The curvature at the unconstrained minimum, reused at a profiled point (p1 fixed away from it).
        var best = Minimizer.Minimize(Anharmonic, new[] { 0.0, 0.0, 0.0 });
        var curvature = Derivatives.ValueGradientHessian(Anharmonic, best.Parameters).Hessian;
        var start = new[] { best.Parameters[0], best.Parameters[1] + 0.8, best.Parameters[2] };
        var fixedOne = new[] { false, true, false };
        var exact = Minimizer.Minimize(Anharmonic, start, new MinimizeOptions { Fixed = fixedOne });
        var quasi = Minimizer.Minimize(Anharmonic, start, new MinimizeOptions { Fixed = fixedOne, FixedHessian = curvature, MaxIterations = 200 });
        Assert.True(quasi.Converged);
        Assert.Equal(start[1], quasi.Parameters[1]);
        Assert.Equal(exact.Value, quasi.Value, 8);
        for (int i = 0; i < 3; i++) Assert.Equal(exact.Parameters[i], quasi.Parameters[i], 4);
        Assert.Throws<ArgumentException>(() => Minimizer.Minimize(Anharmonic, start, new MinimizeOptions { FixedHessian = new double[2, 2] }));
    }

    [Fact]
    public void FiniteDifferenceHessianIgnoresAGradientJumpInsideOneWindow()
    {
        // f = 2 p0^2 + p0 p1 + p1^2 / 2 + relu(p0 - c): the gradient jumps by 1 at p0 = c, inside the central window of the
        // first column; a single central difference there is 1 / 2h = 500 off, the median of three windows is not.
        const double h = 1e-3, c = 0.3 * h;
        var f = Objective.From(p => 2 * p[0].pow(2) + p[0] * p[1] + p[1].pow(2) / 2 + nn.functional.relu(p[0] - c));
        var fd = Derivatives.FiniteDifferenceHessian(f, new[] { 0.0, 0.5 }, h);
        Assert.Equal(4.0, fd[0, 0], 6);
        Assert.Equal(1.0, fd[0, 1], 6);
        Assert.Equal(1.0, fd[1, 1], 6);
    }

    [Fact]
    public void MinimizerStopsAtOnceWhereANewtonStepWouldGainLessThanTheTolerance()
    {
        var r = Minimizer.Minimize(Quadratic, M, new MinimizeOptions { Tolerance = 1e-9 });
        Assert.True(r.Converged);
        Assert.Equal(0, r.Iterations);
        Assert.Equal(M, r.Parameters);
    }

    [Fact]
    public void ProfiledTwoDimensionalScanWithAFixedCurvatureIsTheAnalyticProfile()
    {
        // On a quadratic the predicted start of every point is its conditional minimum, so the profile is exact:
        // 2 dNLL(s) = ds^T (C_ss)^-1 ds with C = H^-1 restricted to the scanned pair.
        var cov = LinearAlgebra.InverseSpd(H);
        var css = new[,] { { cov[0, 0], cov[0, 1] }, { cov[1, 0], cov[1, 1] } };
        var inv = LinearAlgebra.InverseSpd(css);
        var gi = Scans.Grid(M[0] - 1, M[0] + 1, 7);
        var gj = Scans.Grid(M[1] - 1.5, M[1] + 1.5, 9);
        var options = new MinimizeOptions { FixedHessian = H, MaxIterations = 8, Tolerance = 1e-10 };
        var scan = Scans.Scan2D(Quadratic, M, 0, 1, gi, gj, profile: true, options);
        for (int a = 0; a < gi.Length; a++)
            for (int b = 0; b < gj.Length; b++)
            {
                double d0 = gi[a] - M[0], d1 = gj[b] - M[1];
                double expected = inv[0, 0] * d0 * d0 + 2 * inv[0, 1] * d0 * d1 + inv[1, 1] * d1 * d1;
                Assert.Equal(expected, scan.TwoDeltaNll[a, b], 8);
            }
    }

    [Fact]
    public void MinimizerRespectsFixedParametersAndBounds()
    {
        var r = Minimizer.Minimize(Quadratic, new[] { 0.0, 0.0, 0.0 },
            new MinimizeOptions { Fixed = new[] { false, true, false }, Upper = new[] { -0.5, 10, 10 } });
        // Unbounded, the conditional minimum given p1 = 0 is p0 = 0; the bound holds it at -0.5.
        Assert.Equal(0.0, r.Parameters[1]);
        Assert.Equal(-0.5, r.Parameters[0], 12);
    }

    [Fact]
    public void ProfiledScanIntervalIsTheMarginalWidthAndFixedScanTheConditionalOne()
    {
        var cov = LinearAlgebra.InverseSpd(H);
        var grid = Scans.Grid(M[0] - 1.5, M[0] + 1.5, 301);
        var profiled = Scans.Scan1D(Quadratic, M, 0, grid, profile: true);
        var fixedScan = Scans.Scan1D(Quadratic, M, 0, grid, profile: false);
        Assert.Equal(Math.Sqrt(cov[0, 0]), profiled.OneSigma.HalfWidth, 3);
        Assert.Equal(1 / Math.Sqrt(H[0, 0]), fixedScan.OneSigma.HalfWidth, 3);
        Assert.Equal(1.96 * Math.Sqrt(cov[0, 0]), profiled.NinetyFive.HalfWidth, 2);
        Assert.Equal(M[0], profiled.Minimum, 2);
    }

    [Fact]
    public void TwoDimensionalScanIsZeroAtTheMinimumAndQuadraticAround()
    {
        var gi = Scans.Grid(M[0] - 1, M[0] + 1, 5);
        var gj = Scans.Grid(M[1] - 1, M[1] + 1, 5);
        var scan = Scans.Scan2D(Quadratic, M, 0, 1, gi, gj, profile: false);
        Assert.Equal(0.0, scan.TwoDeltaNll[2, 2], 10);
        Assert.Equal(H[0, 0] * 0.25, scan.TwoDeltaNll[3, 2], 8); // 2 * 0.5 * H00 * 0.5^2
    }

    [Fact]
    public void IntervalFromAParabolaIsExact()
    {
        var grid = Scans.Grid(-3, 3, 61);
        var nll = grid.Select(x => 0.5 * (x - 0.5) * (x - 0.5) / 0.25).ToArray(); // sigma 0.5
        var i = Interval.FromScan(grid, nll, Interval.OneSigma);
        Assert.Equal(0.0, i.Low, 2);
        Assert.Equal(1.0, i.High, 2);
        var open = Interval.FromScan(grid.Take(20).ToArray(), nll.Take(20).ToArray(), Interval.OneSigma);
        Assert.True(double.IsPositiveInfinity(open.High));
    }

    [Fact]
    public void CountingExperimentDiscoverySignificanceMatchesTheClosedForm()
    {
        // n observed, b known background, s signal scaled by mu: NLL = (mu s + b) - n log(mu s + b).
        const double n = 130, b = 100, s = 25;
        Tensor Nll(Tensor p) { var lam = p[0] * s + b; return lam - n * lam.log(); }
        var result = ProfileLikelihood.Analyse(Objective.From(Nll), new[] { 1.0 }, 0, Scans.Grid(0, 3, 601),
            new MinimizeOptions { Lower = new[] { -4.0 } });
        Assert.Equal((n - b) / s, result.BestFit, 6);
        double z0 = Math.Sqrt(2 * (n * Math.Log(n / b) - (n - b)));
        Assert.Equal(z0, result.Z0, 6);
        Assert.True(result.OneSigma.Contains(result.BestFit));
        Assert.Equal(Math.Sqrt(n) / s, result.OneSigma.HalfWidth, 1);
    }

    [Fact]
    public void EnsembleOfIdenticalModelsIsTheModelItself()
    {
        var curve = new[] { 3.0, 1.0, 0.5, 1.0, 3.0 };
        var avg = EnsembleCombination.AveragedNll(new[] { curve, curve, curve });
        for (int g = 0; g < curve.Length; g++) Assert.Equal(curve[g], avg[g], 12);
    }

    [Fact]
    public void EnvelopeIsTheMostLenientModel()
    {
        var grid = Scans.Grid(-2, 2, 41);
        var a = grid.Select(x => 0.5 * (x + 0.5) * (x + 0.5)).ToArray();
        var b = grid.Select(x => 0.5 * (x - 0.5) * (x - 0.5)).ToArray();
        var env = EnsembleCombination.EnvelopeTwoDeltaNll(new[] { a, b });
        var i = Interval.FromScan(grid, env.Select(t => t / 2).ToArray(), Interval.OneSigma);
        Assert.Equal(-1.5, i.Low, 6);
        Assert.Equal(1.5, i.High, 6);
        var (central, hs) = EnsembleCombination.EnvelopeInterval(new[] { -0.5, 0.5 }, new[] { 1.0, 1.0 });
        Assert.Equal(0.0, central);
        Assert.Equal(new Interval(-1.5, 1.5), hs);
    }

    [Fact]
    public void PoissonBootstrapWeightsAreReproducibleWithUnitMeanAndVariance()
    {
        using var w1 = PoissonBootstrap.Weights(200_000, 7, 3);
        using var w2 = PoissonBootstrap.Weights(200_000, 7, 3);
        using var w3 = PoissonBootstrap.Weights(200_000, 7, 4);
        Assert.True(w1.equal(w2).all().item<bool>());
        Assert.False(w1.equal(w3).all().item<bool>());
        Assert.Equal(1.0, w1.mean().item<double>(), 1);
        Assert.Equal(1.0, w1.var().item<double>(), 1);
    }

    [Fact]
    public void AnObjectiveWithoutAutogradIsRefusedWithAClearError()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            Derivatives.ValueAndGradient(Objective.From(p => tensor(1.0, dtype: ScalarType.Float64)), new[] { 0.0 }));
        Assert.Contains("does not depend on the parameters", ex.Message);
    }
}
