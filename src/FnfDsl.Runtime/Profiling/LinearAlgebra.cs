namespace FnfDsl.Profiling;

/// <summary>Small dense linear algebra on double arrays for the profiling of a few parameters.</summary>
public static class LinearAlgebra
{
    /// <summary>Solves (H + lambda * diag-scale) x = g; falls back to gradient descent if H is not positive definite.</summary>
    public static double[] SolveDamped(double[,] h, double[] g, double lambda)
    {
        int n = g.Length;
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                a[i, j] = h[i, j] + (i == j ? lambda * Math.Max(Math.Abs(h[i, i]), 1.0) : 0.0);
        var l = Cholesky(a);
        if (l is null)
        {
            // Not positive definite (far from the minimum): a scaled gradient step is safe.
            double scale = 1.0 / Math.Max(lambda, 1e-3);
            double norm = Math.Sqrt(g.Sum(v => v * v));
            return g.Select(v => v * Math.Min(scale, 1.0 / Math.Max(norm, 1e-12))).ToArray();
        }
        return CholeskySolve(l, g);
    }

    /// <summary>Lower Cholesky factor of a symmetric matrix, or null if it is not positive definite.</summary>
    public static double[,]? Cholesky(double[,] a)
    {
        int n = a.GetLength(0);
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = a[i, j];
                for (int k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                if (i == j)
                {
                    if (!(s > 0)) return null;
                    l[i, i] = Math.Sqrt(s);
                }
                else l[i, j] = s / l[j, j];
            }
        }
        return l;
    }

    /// <summary>Solves L L^T x = b.</summary>
    public static double[] CholeskySolve(double[,] l, double[] b)
    {
        int n = b.Length;
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i, k] * y[k];
            y[i] = s / l[i, i];
        }
        var x = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            double s = y[i];
            for (int k = i + 1; k < n; k++) s -= l[k, i] * x[k];
            x[i] = s / l[i, i];
        }
        return x;
    }

    /// <summary>Inverse of a symmetric positive definite matrix (the covariance from a Hessian).</summary>
    public static double[,] InverseSpd(double[,] a)
    {
        int n = a.GetLength(0);
        var l = Cholesky(a) ?? throw new InvalidOperationException("The Hessian is not positive definite: the fit is not at a minimum, or a parameter is unconstrained by the data.");
        var inv = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            var e = new double[n]; e[j] = 1;
            var col = CholeskySolve(l, e);
            for (int i = 0; i < n; i++) inv[i, j] = col[i];
        }
        return inv;
    }
}
