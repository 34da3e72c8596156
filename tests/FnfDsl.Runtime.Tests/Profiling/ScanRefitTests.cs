using FnfDsl.Profiling;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Profiling;

/// A fit stuck in the shallower of two wells is moved by its own profiled scan into the deeper one.
public class ScanRefitTests
{
    // Wells near p0 = -1 (deeper, by the tilt 0.3 p0) and p0 = +1; p1 follows p0, so p1 is profiled along a valley.
    private static readonly Objective DoubleWell = Objective.From(p => (p[0].pow(2) - 1).pow(2) + 0.3 * p[0] + 2 * (p[1] - 0.5 * p[0]).pow(2));

    private static readonly MinimizeOptions Options = new() { MaxIterations = 50, Tolerance = 1e-10 };

    [Fact]
    public void AScanThatFindsALowerPoint_MovesTheFitIntoTheDeeperWell()
    {
        var stuck = Minimizer.Minimize(DoubleWell, [1.0, 0.5], Options);
        Assert.True(stuck.Parameters[0] > 0.5, $"the start should stay in the shallow well, got {stuck.Parameters[0]}");

        var scan = Scans.Scan1D(DoubleWell, stuck.Parameters, 0, Scans.Grid(-2, 2, 41), profile: true, Options);
        var (lowestNll, lowestAt) = ScanRefit.Lowest([scan]);
        Assert.True(lowestNll < stuck.Value - 0.3, $"the scan should see the deeper well: {lowestNll} vs {stuck.Value}");
        Assert.True(lowestAt[0] < -0.5);

        var refit = Assert.IsType<MinimizeResult>(ScanRefit.Refit(DoubleWell, stuck, [scan], Options, threshold: 0.05));
        Assert.True(refit.Value <= lowestNll, $"the refit {refit.Value} should not be above the scan point {lowestNll}");
        // The deeper well's minimum: d/dp0 [(p0^2 - 1)^2 + 0.3 p0] = 0 at p0 = -1.03558, with p1 = p0 / 2.
        Assert.Equal(-1.03558, refit.Parameters[0], 4);
        Assert.Equal(0.5 * refit.Parameters[0], refit.Parameters[1], 6);
    }

    [Fact]
    public void AFitAtTheGlobalMinimum_IsLeftAlone()
    {
        var best = Minimizer.Minimize(DoubleWell, [-1.0, -0.5], Options);
        var scan = Scans.Scan1D(DoubleWell, best.Parameters, 1, Scans.Grid(-1.5, 0.5, 21), profile: true, Options);
        Assert.Null(ScanRefit.Refit(DoubleWell, best, [scan], Options, threshold: 1e-6));
    }

    [Fact]
    public void ScansWithoutAFinitePoint_AreRejected()
    {
        var scan = new Scan1DResult(0, [0.0, 1.0], [double.NaN, double.PositiveInfinity], [[0.0], [1.0]], new Interval(0, 1), new Interval(0, 1));
        var error = Assert.Throws<ArgumentException>(() => ScanRefit.Lowest([scan]));
        Assert.Contains("no finite point", error.Message);
    }
}
