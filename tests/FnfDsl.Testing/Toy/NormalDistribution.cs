namespace FnfDsl.Testing.Toy;

/// <summary>The standard normal law: log-density and distribution function.</summary>
public static class NormalDistribution
{
    private static readonly double LogSqrtTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>log phi(z) = -z^2/2 - log sqrt(2 pi).</summary>
    public static double LogPdf(double z) => -0.5 * z * z - LogSqrtTwoPi;

    /// <summary>Phi(z) = P(Z &lt;= z), accurate in the lower tail.</summary>
    public static double Cdf(double z) => 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));

    /// <summary>1 - Phi(z) = P(Z &gt; z), accurate in the upper tail.</summary>
    public static double Survival(double z) => 0.5 * SpecialFunctions.Erfc(z / Math.Sqrt(2));
}
