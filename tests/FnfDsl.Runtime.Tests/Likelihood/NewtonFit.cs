using FnfDsl.Likelihood;

namespace FnfDsl.Tests.Likelihood;

/// Test helper: minimises a MixtureLikelihood over chosen parameters with Newton steps (finite-difference
/// Hessian of the autograd gradient), a backtracking line search and lower bounds by clamping.
public static class NewtonFit
{
    /// Hessian and Errors cover Free minus the parameters that ended on their bound.
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
            // Parameters sitting on their bound and pushed into it stay fixed this step.
            int[] moving = free.Where(i => !(lower.TryGetValue(i, out double lo) && point[i] <= lo && g[i] > 0)).ToArray();
            if (moving.Length == 0) break;
            double[,] h = Hessian(Gradient, point, moving, lower);
            double[] step = Solve(h, moving.Select(i => -g[i]).ToArray());
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
        int[] inside = free.Where(i => !(lower.TryGetValue(i, out double lo) && point[i] <= lo)).ToArray();
        double[,] hessian = Hessian(Gradient, point, inside, lower);
        double[,] covariance = Invert(hessian);
        double[] errors = inside.Select((_, j) => Math.Sqrt(covariance[j, j])).ToArray();
        return new Result(ft, fn, current, hessian, inside, errors);
    }

    /// Finite differences of the gradient over the chosen indices: central, or forward next to a lower bound.
    private static double[,] Hessian(Func<double[], double[]> gradient, double[] point, int[] indices, Dictionary<int, double> lower)
    {
        const double h = 1e-4;
        var result = new double[indices.Length, indices.Length];
        double[] at = gradient(point);
        for (int j = 0; j < indices.Length; j++)
        {
            int i = indices[j];
            bool nearBound = lower.TryGetValue(i, out double lo) && point[i] - h < lo;
            double[] up = (double[])point.Clone(), down = (double[])point.Clone();
            up[i] += h;
            down[i] -= h;
            double[] gUp = gradient(up), gDown = nearBound ? at : gradient(down);
            for (int k = 0; k < indices.Length; k++)
                result[k, j] = (gUp[indices[k]] - gDown[indices[k]]) / (nearBound ? h : 2 * h);
        }
        for (int a = 0; a < indices.Length; a++)
            for (int b = 0; b < a; b++)
                result[a, b] = result[b, a] = 0.5 * (result[a, b] + result[b, a]);
        return result;
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
