using FnfDsl.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Training;

/// L-BFGS reaches known minima and never ends above where it started.
public class LbfgsTests
{
    [Fact]
    public void ReachesTheMinimumOfRosenbrockSplitOverTwoParameters()
    {
        using var a = new Parameter(tensor(new[] { -1.2 }, dtype: ScalarType.Float64));
        using var b = new Parameter(tensor(new[] { 1.0 }, dtype: ScalarType.Float64));
        double Loss()
        {
            using var scope = NewDisposeScope();
            var f = (1 - a).pow(2) + 100 * (b - a.pow(2)).pow(2);
            f.sum().backward();
            return f.sum().item<double>();
        }
        var r = new Lbfgs([a, b]).Minimize(Loss, 500, 1e-14);
        Assert.True(r.Converged);
        Assert.Equal(1.0, a.item<double>(), 4);
        Assert.Equal(1.0, b.item<double>(), 4);
        Assert.True(r.Loss < 1e-8, $"loss {r.Loss}");
    }

    [Fact]
    public void SolvesAnIllConditionedQuadraticInFloat32ParametersAndEndsBelowItsStart()
    {
        // f(w) = sum_i c_i (w_i - m_i)^2 / 2 with curvatures over two decades (L-BFGS with backtracking needs ~60 iterations).
        using var w = new Parameter(zeros(20, dtype: ScalarType.Float32));
        using var c = logspace(0, 2, 20, dtype: ScalarType.Float32);
        using var m = linspace(-1, 1, 20, dtype: ScalarType.Float32);
        double start = 0;
        double Loss()
        {
            using var scope = NewDisposeScope();
            var f = (c * (w - m).pow(2)).sum() / 2;
            f.backward();
            return f.item<float>();
        }
        start = Loss();
        var r = new Lbfgs([w], history: 10).Minimize(Loss, 300, 1e-12);
        Assert.True(r.Loss < start);
        Assert.True(r.Loss < 1e-8, $"loss {r.Loss} after {r.Iterations} iterations, {r.Evaluations} evaluations, converged {r.Converged}");
        Assert.True(w.sub(m).abs().max().item<float>() < 1e-3f);
    }

    [Fact]
    public void RefusesANonFiniteStartAndAnEmptyParameterList()
    {
        using var w = new Parameter(zeros(1, dtype: ScalarType.Float64));
        Assert.Throws<InvalidOperationException>(() => new Lbfgs([w]).Minimize(() => double.NaN, 10, 1e-6));
        Assert.Throws<ArgumentException>(() => new Lbfgs([]));
    }
}
