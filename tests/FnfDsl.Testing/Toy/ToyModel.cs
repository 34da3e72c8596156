namespace FnfDsl.Testing.Toy;

/// <summary>The toy's generative model as formulas: constants and functions of toy-dataset.md sections 1-2.</summary>
public static class ToyModel
{
    /// <summary>The kinematic truncation: u &gt; 0.2 (draws below are redrawn).</summary>
    public const double TruncationU = 0.2;

    /// <summary>Relative kinematic scale per unit of nu_x.</summary>
    public const double KinematicScalePerSigma = 0.05;

    /// <summary>Relative y1-mean amplitude per unit of nu_y.</summary>
    public const double FeatureScalePerSigma = 0.10;

    /// <summary>Log-normal rate uncertainty of each flavour's yield.</summary>
    public const double NormKappa = 1.10;

    /// <summary>Standard deviation of y2.</summary>
    public const double Sigma2 = 0.40;

    /// <summary>Mean mu_f of the untruncated normal law of u.</summary>
    public static double KinematicMean(ToyFlavour flavour) => flavour == ToyFlavour.A ? 2.0 : 3.0;

    /// <summary>Standard deviation s_f of the untruncated normal law of u.</summary>
    public static double KinematicWidth(ToyFlavour flavour) => flavour == ToyFlavour.A ? 0.6 : 0.9;

    /// <summary>The factor 1 + 0.05 nu_x with x = u * factor.</summary>
    public static double KinematicScale(double nuX) => 1.0 + KinematicScalePerSigma * nuX;

    /// <summary>The true kinematic u behind an observed x at kinematic-scale nuisance nu_x.</summary>
    public static double TrueKinematic(double x, double nuX) => x / KinematicScale(nuX);

    /// <summary>The class mean c_f(u) = (m1, m2) of the features at true kinematic u and feature-scale nuisance nu_y.</summary>
    public static (double M1, double M2) ClassMean(ToyFlavour flavour, double u, double nuY = 0)
    {
        double amplitude = 1.0 + FeatureScalePerSigma * nuY;
        return flavour == ToyFlavour.A
            ? (1.0 * Math.Sin(1.2 * u) * amplitude + 0.5, 0.5 * u - 0.5)
            : (0.8 * Math.Cos(0.9 * u) * amplitude - 0.3, -0.4 * u + 1.2);
    }

    /// <summary>Standard deviation of y1 at true kinematic u: 0.30 + 0.05 u.</summary>
    public static double Sigma1(double u) => 0.30 + 0.05 * u;

    /// <summary>Correlation rho_f of y1 and y2.</summary>
    public static double Correlation(ToyFlavour flavour) => flavour == ToyFlavour.A ? 0.5 : -0.3;

    /// <summary>The yield factor kappa^nu of a log-normal rate nuisance.</summary>
    public static double YieldFactor(double nuNorm) => Math.Pow(NormKappa, nuNorm);

    /// <summary>The features y = m + L z for standard normal (z1, z2), L the Cholesky factor of the covariance at u.</summary>
    public static (double Y1, double Y2) Features(ToyFlavour flavour, double u, double nuY, double z1, double z2)
    {
        var (m1, m2) = ClassMean(flavour, u, nuY);
        double rho = Correlation(flavour);
        return (m1 + Sigma1(u) * z1, m2 + Sigma2 * (rho * z1 + Math.Sqrt(1 - rho * rho) * z2));
    }
}
