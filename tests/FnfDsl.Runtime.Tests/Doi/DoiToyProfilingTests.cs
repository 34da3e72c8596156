using FnfDsl.Analysis;
using FnfDsl.Doi;
using FnfDsl.Likelihood;
using FnfDsl.Profiling;
using FnfDsl.Tests.Analysis;
using FnfDsl.Training;
using FnfDsl.Testing.Toy;
using FnfDsl.Tables;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Doi;

/// <summary>
/// The DoI chain of method.md section 4 on toy data with an injected kinematic scale nu_x = +1, at test sizes: step 1
/// maps the distorted data toward the undistorted features, the amortized profile recovers nu_x, and its autograd Hessian
/// agrees with finite differences. (The comparison with DoIs refitted at fixed nu is the amortized-scan benchmark's.)
/// </summary>
public sealed class DoiToyProfilingTests(DoiToy.InjectedNuX toy, ITestOutputHelper output) : IClassFixture<DoiToy.InjectedNuX>
{
    [Fact]
    public void Step1_MapsTheDistortedDataTowardTheUndistortedFeatures()
    {
        // T is fixed per event only up to maps that keep each flavour's density, so the distance is taken between the means
        // of each x bin and flavour (toy-dataset.md: the distortion moves them by ~0.2).
        var t = toy.Table;
        double[] x = t.Doubles(ToyColumns.X), y1 = t.Doubles(ToyColumns.Y1), y2 = t.Doubles(ToyColumns.Y2);
        double[] true1 = t.Doubles(ToyColumns.Y1True), true2 = t.Doubles(ToyColumns.Y2True);
        int[] flavour = t.Ints(ToyColumns.FlavourTrue);
        var sorted = x.OrderBy(v => v).ToArray();
        double[] edges = Enumerable.Range(1, 7).Select(b => sorted[b * sorted.Length / 8]).ToArray();
        double observed = 0, mapped = 0;
        foreach (var bin in Enumerable.Range(0, t.RowCount).GroupBy(i => (flavour[i], edges.Count(e => x[i] >= e))))
        {
            var rows = bin.ToArray();
            observed += rows.Length * Distance(rows.Average(i => y1[i] - true1[i]), rows.Average(i => y2[i] - true2[i]));
            mapped += rows.Length * Distance(rows.Average(i => toy.Step1Mapped[i, 0] - true1[i]), rows.Average(i => toy.Step1Mapped[i, 1] - true2[i]));
        }
        observed /= t.RowCount; mapped /= t.RowCount;
        output.WriteLine($"per-bin mean distance to the undistorted features: data {observed:F4}, T(data) {mapped:F4}");
        Assert.True(observed > 0.1, $"the distortion should move the bin means: {observed}");
        Assert.True(mapped < 0.5 * observed, $"T(data) is {mapped:F4} from the undistorted means, the data {observed:F4}");
    }

    [Fact]
    public void AmortizedProfile_RecoversTheInjectedKinematicScale()
    {
        int i = toy.Profiler.IndexOf(ToyNuisances.VariationXName);
        double nuX = toy.Best.Parameters[i], sigma = toy.Hessian.Errors[i];
        output.WriteLine($"step 1 nu_x = {toy.Step1.Nu[0]:F3}; step 2 nu_x = {nuX:F3} +- {sigma:F3}; focused box [{toy.Box.Low[0]:F3}, {toy.Box.High[0]:F3}]");
        Assert.True(sigma > 0.03 && sigma < 0.3, $"sigma {sigma}");
        // Two standard errors: the simulation densities are learned from 10k events per flavour and the profiled p(x | nu_x)
        // inherits their statistical error, of the same order as the data's own (3000 events); the error reported is the data's.
        Assert.True(Math.Abs(nuX - toy.Injected[0]) <= 2 * sigma, $"nu_x = {nuX} +- {sigma}, injected {toy.Injected[0]}");
    }

    [Fact]
    public void Hessian_AgreesWithFiniteDifferences_AndItsModesReconstructIt()
    {
        // A small step (float64): the NLL of spline flows is C1, and the larger the window the likelier an event crosses a
        // knot in it (see FiniteDifferenceHessian); at 1e-4 a CI run met one in every window of a column (2767 %).
        var fd = Derivatives.FiniteDifferenceHessian(toy.Profiler.Objective, toy.Best.Parameters, 1e-6);
        double worst = Derivatives.MaxRelativeDifference(toy.Hessian.Hessian, fd);
        output.WriteLine($"largest difference from finite differences: {worst:P2}");
        Assert.True(worst <= 0.02, $"autograd Hessian vs finite differences: {worst:P2}");
        var r = toy.Hessian.Modes.Reconstruct();
        int k = toy.Best.Parameters.Length;
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
                Assert.Equal(toy.Hessian.Hessian[i, j], r[i, j], 1e-8 * toy.Hessian.Modes.Eigenvalues.Max());
        Assert.All(toy.Hessian.Modes.Eigenvalues, l => Assert.True(l > 0, $"eigenvalue {l}"));
    }

    private static double Distance(double a, double b) => Math.Sqrt(a * a + b * b);
}
