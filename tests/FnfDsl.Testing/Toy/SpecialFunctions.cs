namespace FnfDsl.Testing.Toy;

/// <summary>The few special functions the toy model's closed forms need, to double precision.</summary>
public static class SpecialFunctions
{
    private static readonly double[] SmallLogFactorials = BuildSmallLogFactorials(32);

    /// <summary>log(k!) for k &gt;= 0: a table below 32, Stirling's series (error &lt; 1e-15 relative) above.</summary>
    public static double LogFactorial(int k)
    {
        if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, "must be >= 0");
        if (k < SmallLogFactorials.Length) return SmallLogFactorials[k];
        double n = k;
        double inv = 1.0 / n;
        double inv2 = inv * inv;
        double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 / 1680)));
        return n * Math.Log(n) - n + 0.5 * Math.Log(2 * Math.PI * n) + series;
    }

    /// <summary>The complementary error function erfc(z) = 1 - erf(z), accurate in both tails.</summary>
    /// <remarks>
    /// |z| &lt; 2.5: the everywhere-positive series erf(z) = 2/sqrt(pi) exp(-z^2) sum_n 2^n z^(2n+1) / (2n+1)!!
    /// (no cancellation); beyond, the continued fraction of erfc evaluated by the modified Lentz method.
    /// </remarks>
    public static double Erfc(double z)
    {
        if (double.IsNaN(z)) return double.NaN;
        if (z < 0) return 2.0 - Erfc(-z);
        if (z < 2.5) return 1.0 - ErfSeries(z);
        return ErfcContinuedFraction(z);
    }

    private static double ErfSeries(double z)
    {
        double z2 = z * z;
        double term = z;
        double sum = z;
        for (int n = 1; n < 200; n++)
        {
            term *= 2.0 * z2 / (2 * n + 1);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return 2.0 / Math.Sqrt(Math.PI) * Math.Exp(-z2) * sum;
    }

    // erfc(z) = exp(-z^2)/sqrt(pi) * 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + 2/(z + ...))))).
    private static double ErfcContinuedFraction(double z)
    {
        const double tiny = 1e-300;
        double f = z, c = z, d = 0.0;
        for (int n = 1; n < 500; n++)
        {
            double a = n / 2.0;
            d = z + a * d;
            d = d == 0 ? tiny : d;
            c = z + a / c;
            c = c == 0 ? tiny : c;
            d = 1.0 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1.0) < 1e-16) break;
        }
        return Math.Exp(-z * z) / Math.Sqrt(Math.PI) / f;
    }

    private static double[] BuildSmallLogFactorials(int count)
    {
        var table = new double[count];
        for (int k = 2; k < count; k++) table[k] = table[k - 1] + Math.Log(k);
        return table;
    }
}
