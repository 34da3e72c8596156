using FnfDsl.Training;

namespace FnfDsl.Tests.Training;

/// L-BFGS with a backtracking line search: reaches the minimum of classic test functions and reports when it stops.
public class LbfgsTests
{
    // Rosenbrock in n dimensions: minimum 0 at (1, ..., 1), a curved narrow valley.
    private static (double, double[]) Rosenbrock(double[] x)
    {
        double f = 0;
        var g = new double[x.Length];
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = x[i + 1] - x[i] * x[i], b = 1 - x[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * a * x[i] - 2 * b;
            g[i + 1] += 200 * a;
        }
        return (f, g);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    public void FindsTheMinimumOfRosenbrock(int n)
    {
        var start = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();
        var result = Lbfgs.Minimize(Rosenbrock, start, new LbfgsOptions { MaxIterations = 2000, Tolerance = 1e-14 });

        Assert.True(result.Converged);
        Assert.True(result.Value < 1e-10, $"f = {result.Value}");
        Assert.All(result.X, v => Assert.Equal(1.0, v, 1e-4));
    }

    [Fact]
    public void HistoryNeverRises()
    {
        var start = new[] { -1.2, 1.0, -1.2, 1.0 };
        var result = Lbfgs.Minimize(Rosenbrock, start, new LbfgsOptions { MaxIterations = 200 });

        for (int i = 1; i < result.History.Count; i++) Assert.True(result.History[i] <= result.History[i - 1]);
        Assert.Equal(result.History[^1], result.Value);
    }

    [Fact]
    public void SolvesAnIllConditionedQuadraticInFewIterations()
    {
        // f = sum_i c_i (x_i - i)^2 / 2 with curvatures from 1 to 1e6: with a history longer than the dimension L-BFGS learns the
        // whole curvature (about 180 iterations here); gradient descent would need ~1e6.
        var c = Enumerable.Range(0, 20).Select(i => Math.Pow(10, 6.0 * i / 19)).ToArray();
        (double, double[]) F(double[] x) =>
            (x.Select((v, i) => 0.5 * c[i] * (v - i) * (v - i)).Sum(), x.Select((v, i) => c[i] * (v - i)).ToArray());
        var result = Lbfgs.Minimize(F, new double[20], new LbfgsOptions { MaxIterations = 300, Tolerance = 1e-16, GradientTolerance = 1e-7, History = 40 });

        Assert.True(result.Converged);
        Assert.True(result.History.Count < 300, $"{result.History.Count} iterations");
        for (int i = 0; i < 20; i++) Assert.Equal(i, result.X[i], 1e-6);
    }

    [Fact]
    public void StopsAtTheIterationLimitWithoutClaimingConvergence()
    {
        var result = Lbfgs.Minimize(Rosenbrock, [-1.2, 1.0], new LbfgsOptions { MaxIterations = 3 });

        Assert.False(result.Converged);
        Assert.Equal(3, result.History.Count);
    }

    [Fact]
    public void StepsBackFromNonFiniteValues()
    {
        // log barrier: the function is +infinity (NaN for the log) beyond x = 1; the minimum of x^2 - log(1 - x) is inside.
        (double, double[]) F(double[] x) => (x[0] < 1 ? x[0] * x[0] - Math.Log(1 - x[0]) : double.NaN, [2 * x[0] + 1 / (1 - x[0])]);
        var result = Lbfgs.Minimize(F, [0.9], new LbfgsOptions { Tolerance = 1e-15 });

        // 2x + 1/(1 - x) = 0 -> x = (1 - sqrt(3)) / 2
        Assert.Equal((1 - Math.Sqrt(3)) / 2, result.X[0], 1e-6);
    }

    [Fact]
    public void RefusesANonFiniteStart() =>
        Assert.Throws<ArgumentException>(() => Lbfgs.Minimize(_ => (double.NaN, [0.0]), [0.0]));
}
