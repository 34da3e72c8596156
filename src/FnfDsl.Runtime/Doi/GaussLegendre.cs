namespace FnfDsl.Doi;

/// <summary>Gauss-Legendre quadrature nodes and weights on [-1, 1].</summary>
public static class GaussLegendre
{
    /// <summary>The n-point rule: exact for polynomials of degree up to 2n - 1.</summary>
    public static (double[] Nodes, double[] Weights) Rule(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), "A quadrature rule needs at least one node.");
        var x = new double[n];
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            // Newton iterations on P_n from the Chebyshev-like initial guess.
            double z = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int iter = 0; iter < 100; iter++)
            {
                var (p, d) = Legendre(n, z);
                dp = d;
                double dz = p / d;
                z -= dz;
                if (Math.Abs(dz) < 1e-15) break;
            }
            dp = Legendre(n, z).Derivative;
            x[i] = -z;
            w[i] = 2 / ((1 - z * z) * dp * dp);
        }
        return (x, w);
    }

    // P_n(z) and P_n'(z) by the three-term recurrence.
    private static (double Value, double Derivative) Legendre(int n, double z)
    {
        double p0 = 1, p1 = z;
        if (n == 0) return (1, 0);
        for (int k = 2; k <= n; k++)
        {
            double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
            p0 = p1; p1 = p2;
        }
        return (p1, n * (z * p1 - p0) / (z * z - 1));
    }
}
