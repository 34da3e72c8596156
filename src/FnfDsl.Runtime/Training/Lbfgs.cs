namespace FnfDsl.Training;

/// <summary>Settings of <see cref="Lbfgs"/>.</summary>
public sealed record LbfgsOptions
{
    /// <summary>Maximum iterations (each one line search).</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Curvature pairs kept.</summary>
    public int History { get; init; } = 20;

    /// <summary>Converged when the objective fell by less than this over <see cref="Patience"/> iterations (objective units).</summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Iterations over which the decrease is measured.</summary>
    public int Patience { get; init; } = 10;

    /// <summary>Also converged when every gradient component is below this.</summary>
    public double GradientTolerance { get; init; } = 1e-8;
}

/// <summary>Result of <see cref="Lbfgs.Minimize"/>: the best point, its value, the value after each iteration, convergence.</summary>
public sealed record LbfgsResult(double[] X, double Value, IReadOnlyList<double> History, int Evaluations, bool Converged);

/// <summary>
/// Limited-memory BFGS with a weak Wolfe line search, for fitting a network's parameters to a fixed, full dataset
/// until the objective stops moving: unlike a stochastic optimiser its end point is deterministic and converged.
/// </summary>
/// <remarks>
/// TorchSharp's LBFGS takes a fixed step (no line search), which diverges on the NLL of a flow. Pairs with too little
/// curvature (s.y &lt;= 1e-10 y.y) are skipped, so the inverse-Hessian estimate stays positive definite.
/// </remarks>
public static class Lbfgs
{
    /// <summary>Minimises <paramref name="f"/> (value and gradient at a point) from <paramref name="start"/>.</summary>
    public static LbfgsResult Minimize(Func<double[], (double Value, double[] Gradient)> f, double[] start, LbfgsOptions? options = null)
    {
        options ??= new LbfgsOptions();
        int n = start.Length;
        var x = (double[])start.Clone();
        var (value, grad) = f(x);
        int evaluations = 1;
        if (!double.IsFinite(value)) throw new ArgumentException($"The objective is {value} at the start.", nameof(start));
        var history = new List<double>();
        var s = new List<double[]>();
        var y = new List<double[]>();
        var rho = new List<double>();
        bool converged = false;
        for (int iteration = 0; iteration < options.MaxIterations; iteration++)
        {
            if (grad.Max(Math.Abs) < options.GradientTolerance) { converged = true; break; }
            var direction = Direction(grad, s, y, rho);
            double slope = Dot(grad, direction);
            if (!(slope < 0))
            {
                // Not a descent direction (rounding in the history): restart from steepest descent.
                s.Clear(); y.Clear(); rho.Clear();
                direction = grad.Select(g => -g).ToArray();
                slope = -Dot(grad, grad);
            }
            // Without history the direction is the raw gradient: the first trial moves the largest component by 1e-2.
            double step = s.Count == 0 ? Math.Min(1.0, 1e-2 / direction.Max(Math.Abs)) : 1.0;
            // Weak Wolfe line search by bisection and doubling (Lewis and Overton): enough decrease (Armijo) and a slope that
            // has flattened (curvature), so that every accepted step gives a curvature pair with s.y > 0.
            double low = 0, high = double.PositiveInfinity;
            double[] next = x;
            double nextValue = double.NaN;
            double[] nextGrad = grad;
            bool accepted = false;
            for (int trial = 0; trial < 60; trial++)
            {
                next = new double[n];
                for (int i = 0; i < n; i++) next[i] = x[i] + step * direction[i];
                (nextValue, nextGrad) = f(next);
                evaluations++;
                if (!double.IsFinite(nextValue) || nextValue > value + 1e-4 * step * slope) high = step;
                else if (Dot(nextGrad, direction) < 0.9 * slope && trial < 59) low = step;
                else { accepted = true; break; }
                step = double.IsPositiveInfinity(high) ? 2 * step : (low + high) / 2;
                if (high - low < 1e-20 * Math.Max(1.0, high)) break;
            }
            if (!accepted && low > 0)
            {
                // The bracket closed on steps with enough decrease but a steep slope: take the last of them.
                for (int i = 0; i < n; i++) next[i] = x[i] + low * direction[i];
                (nextValue, nextGrad) = f(next);
                evaluations++;
                accepted = double.IsFinite(nextValue) && nextValue <= value + 1e-4 * low * slope;
            }
            if (!accepted)
            {
                if (s.Count == 0) break; // no step along the gradient lowers f: as converged as rounding allows
                s.Clear(); y.Clear(); rho.Clear();
                iteration--;
                continue;
            }
            var sk = new double[n];
            var yk = new double[n];
            for (int i = 0; i < n; i++) { sk[i] = next[i] - x[i]; yk[i] = nextGrad[i] - grad[i]; }
            double sy = Dot(sk, yk), yy = Dot(yk, yk);
            if (sy > 1e-10 * yy && sy > 0)
            {
                if (s.Count == options.History) { s.RemoveAt(0); y.RemoveAt(0); rho.RemoveAt(0); }
                s.Add(sk); y.Add(yk); rho.Add(1 / sy);
            }
            (x, value, grad) = (next, nextValue, nextGrad);
            history.Add(value);
            int h = history.Count;
            if (h > options.Patience && history[h - 1 - options.Patience] - value < options.Tolerance) { converged = true; break; }
        }
        return new LbfgsResult(x, value, history, evaluations, converged);
    }

    // The two-loop recursion: -H g with H the inverse-Hessian estimate from the pairs, scaled by s.y / y.y of the newest.
    private static double[] Direction(double[] grad, List<double[]> s, List<double[]> y, List<double> rho)
    {
        int m = s.Count;
        var q = (double[])grad.Clone();
        var alpha = new double[m];
        for (int j = m - 1; j >= 0; j--)
        {
            alpha[j] = rho[j] * Dot(s[j], q);
            Axpy(-alpha[j], y[j], q);
        }
        double gamma = m > 0 ? 1 / (rho[m - 1] * Dot(y[m - 1], y[m - 1])) : 1.0;
        for (int i = 0; i < q.Length; i++) q[i] *= gamma;
        for (int j = 0; j < m; j++)
        {
            double beta = rho[j] * Dot(y[j], q);
            Axpy(alpha[j] - beta, s[j], q);
        }
        for (int i = 0; i < q.Length; i++) q[i] = -q[i];
        return q;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (int i = 0; i < y.Length; i++) y[i] += a * x[i];
    }
}
