namespace FnfDsl.Testing.Toy;

/// <summary>Exact Poisson sampling: Knuth's product of uniforms for small means, Hoermann's PTRS above.</summary>
/// <remarks>
/// PTRS ("transformed rejection with squeeze", W. Hoermann 1993) costs O(1) draws for any mean >= 10,
/// where Knuth's method would need O(mean) draws and underflow for large means.
/// </remarks>
public static class PoissonSampler
{
    private const double PtrsThreshold = 10.0;

    /// <summary>A draw from Poisson(<paramref name="mean"/>); mean must be finite and non-negative.</summary>
    public static int Sample(RandomStream random, double mean)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!double.IsFinite(mean) || mean < 0 || mean > int.MaxValue / 2.0)
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "a Poisson mean must be finite, >= 0 and below 1e9");
        if (mean == 0) return 0;
        return mean < PtrsThreshold ? Knuth(random, mean) : Ptrs(random, mean);
    }

    private static int Knuth(RandomStream random, double mean)
    {
        double limit = Math.Exp(-mean);
        double product = random.NextUniform();
        int k = 0;
        while (product > limit)
        {
            k++;
            product *= random.NextUniform();
        }
        return k;
    }

    private static int Ptrs(RandomStream random, double mean)
    {
        double sqrtMean = Math.Sqrt(mean);
        double logMean = Math.Log(mean);
        double b = 0.931 + 2.53 * sqrtMean;
        double a = -0.059 + 0.02483 * b;
        double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2.0);
        while (true)
        {
            double u = random.NextUniform() - 0.5;
            double v = random.NextUniform();
            double us = 0.5 - Math.Abs(u);
            double kReal = Math.Floor((2.0 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) return (int)kReal;
            if (kReal < 0 || kReal > int.MaxValue || (us < 0.013 && v > us)) continue;
            int k = (int)kReal;
            double lhs = Math.Log(v) + Math.Log(invAlpha) - Math.Log(a / (us * us) + b);
            double rhs = -mean + k * logMean - SpecialFunctions.LogFactorial(k);
            if (lhs <= rhs) return k;
        }
    }
}
