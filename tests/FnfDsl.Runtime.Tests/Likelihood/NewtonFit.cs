using FnfDsl.Likelihood;

namespace FnfDsl.Tests.Likelihood;

/// Test helper: minimises a MixtureLikelihood over chosen parameters with Newton steps (finite-difference
/// Hessian of the autograd gradient), a backtracking line search and lower bounds by clamping.
public static class NewtonFit
{
    public sealed record Result(double[] Theta, double[] Nu, double Nll, double[,] Hessian, int[] Free, double[] Errors);

    /// free: indices into (theta, nu) to fit; lower: optional lower bound per (theta, nu) index.
    public static Result Minimize(MixtureLikelihood likelihood, EventData data, double[] theta, double[] nu,
                                  int[] free, Dictionary<int, double>? lower = null, int iterations = 60)
    {
        int p = theta.Length;
        double[] point = [.. theta, .. nu];
        lower ??= [];
        (double[] T, double[] N) Split(double[] x) => (x[..p], x[p..]);
        double Value(double[] x) { var (t, n) = Split(x); return likelihood.Value(data, t, n); }
        double[] Gradient(double[] x) { var (t, n) = Split(x); var g = likelihood.ValueAndGradient(data, t, n); return [.. g.Theta, .. g.Nu]; }

        double current = Value(point);
        for (int it = 0; it < iterations; it++)
        {
            double[] g = Gradient(point);
            var (t, n) = Split(point);
            double[,] h = likelihood.Hessian(data, t, n);
            // Parameters sitting on their bound and pushed into it stay fixed this step.
            int[] moving = free.Where(i => !(lower.TryGetValue(i, out double lo) && point[i] <= lo && g[i] > 0)).ToArray();
            if (moving.Length == 0) break;
            double[] step = Solve(Sub(h, moving), moving.Select(i => -g[i]).ToArray());
            double slope = moving.Select((i, j) => g[i] * step[j]).Sum();
            if (slope >= 0) { step = moving.Select(i => -g[i]).ToArray(); slope = -step.Sum(s => s * s); }

            double alpha = 1;
            double[] trial = point;
            double value = current;
            for (int k = 0; k < 40; k++, alpha /= 2)
            {
                trial = (double[])point.Clone();
                for (int j = 0; j < moving.Length; j++)
                {
                    int i = moving[j];
                    trial[i] += alpha * step[j];
                    if (lower.TryGetValue(i, out double lo)) trial[i] = Math.Max(lo, trial[i]);
                }
                value = Value(trial);
                if (value <= current + 1e-4 * alpha * slope) break;
            }
            double moved = trial.Zip(point, (a, b) => Math.Abs(a - b)).Max();
            point = trial;
            bool converged = moved < 1e-9 || current - value < 1e-11;
            current = Math.Min(current, value);
            if (converged) break;
        }

        var (ft, fn) = Split(point);
        double[,] hessian = likelihood.Hessian(data, ft, fn);
        double[,] covariance = Invert(Sub(hessian, free));
        double[] errors = free.Select((_, j) => Math.Sqrt(covariance[j, j])).ToArray();
        return new Result(ft, fn, current, hessian, free, errors);
    }

    private static double[,] Sub(double[,] m, int[] idx)
    {
        var r = new double[idx.Length, idx.Length];
        for (int a = 0; a < idx.Length; a++)
            for (int b = 0; b < idx.Length; b++)
                r[a, b] = m[idx[a], idx[b]];
        return r;
    }

    /// Gaussian elimination with partial pivoting; adds a ridge if the matrix is singular.
    public static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (int c = 0; c < n; c++)
        {
            int pivot = Enumerable.Range(c, n - c).MaxBy(r => Math.Abs(m[r, c]));
            if (Math.Abs(m[pivot, c]) < 1e-12) m[pivot, c] += 1e-6;
            for (int k = 0; k < n; k++) (m[c, k], m[pivot, k]) = (m[pivot, k], m[c, k]);
            (x[c], x[pivot]) = (x[pivot], x[c]);
            for (int r = c + 1; r < n; r++)
            {
                double f = m[r, c] / m[c, c];
                for (int k = c; k < n; k++) m[r, k] -= f * m[c, k];
                x[r] -= f * x[c];
            }
        }
        for (int r = n - 1; r >= 0; r--)
        {
            for (int k = r + 1; k < n; k++) x[r] -= m[r, k] * x[k];
            x[r] /= m[r, r];
        }
        return x;
    }

    public static double[,] Invert(double[,] a)
    {
        int n = a.GetLength(0);
        var inv = new double[n, n];
        for (int c = 0; c < n; c++)
        {
            var e = new double[n];
            e[c] = 1;
            double[] col = Solve(a, e);
            for (int r = 0; r < n; r++) inv[r, c] = col[r];
        }
        return inv;
    }
}
