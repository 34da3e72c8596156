using FnfDsl.Profiling;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Profiling;

/// The minimiser reports why it stopped: converged only when the Newton decrement fell below the tolerance.
public class MinimizerExitTests
{
    // Value x^2, minimal at the start x = 0, but gradient and curvature of S = (x - B)^2 (S - S.detach() adds them and exactly 0
    // to the value): every damped Newton step goes uphill, while the decrement g^2 / 2H = B^2 promises a gain. A kink or
    // rounding does the same to a real NLL.
    private const double B = 1e-4;
    private static readonly Objective Misleading = Objective.From(p =>
    {
        var s = p.sub(B).square().sum();
        return p.square().sum().detach() + (s - s.detach());
    });

    [Fact]
    public void AStallIsReportedAsAStall_EvenWithADecrementBelowTheSquareRootOfTheTolerance()
    {
        var r = Minimizer.Minimize(Misleading, [0.0], new MinimizeOptions { Tolerance = 1e-9 });

        Assert.Equal(MinimizeExit.Stalled, r.Exit);
        Assert.False(r.Converged);
        Assert.Equal(B * B, r.Decrement, 15);
        // The decrement lies between the tolerance and its square root: the old rule called this converged.
        Assert.InRange(r.Decrement, 1e-9, Math.Sqrt(1e-9));
        Assert.Equal([0.0], r.Parameters);
    }

    [Fact]
    public void AMinimumIsReportedAsConverged_WithItsDecrementBelowTheTolerance()
    {
        var quartic = Objective.From(p => p.sub(1).pow(2).sum() + p.pow(4).sum() * 0.1);

        var r = Minimizer.Minimize(quartic, [3.0, -2.0], new MinimizeOptions { Tolerance = 1e-10 });

        Assert.Equal(MinimizeExit.Converged, r.Exit);
        Assert.True(r.Converged);
        Assert.True(r.Decrement < 1e-10, $"decrement {r.Decrement}");
    }

    [Fact]
    public void RunningOutOfIterationsIsReportedAsTheIterationLimit()
    {
        var rosenbrock = Objective.From(p => (1 - p[0]).square() + 100 * (p[1] - p[0].square()).square());

        var r = Minimizer.Minimize(rosenbrock, [-1.2, 1.0], new MinimizeOptions { MaxIterations = 2 });

        Assert.Equal(MinimizeExit.IterationLimit, r.Exit);
        Assert.False(r.Converged);
        Assert.Equal(2, r.Iterations);
        Assert.True(r.Decrement > 1e-9, $"decrement {r.Decrement}");
    }

    [Fact]
    public void AResultKnownOnlyAsConvergedOrNotKeepsThatMeaning()
    {
        Assert.Equal(MinimizeExit.Converged, new MinimizeResult([0.0], 1.0, 0, converged: true).Exit);
        Assert.Equal(MinimizeExit.IterationLimit, new MinimizeResult([0.0], 1.0, 0, converged: false).Exit);
    }
}
