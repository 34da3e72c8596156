namespace FnfDsl.Testing.Toy;

/// <summary>Closed-form true densities of the toy, to compare learned flows with (natural log, per event).</summary>
/// <remarks>
/// Given the observed x and the nuisances, the true kinematic is u = x / (1 + 0.05 nu_x): the features
/// depend on u, and the kinematic density carries the Jacobian 1 / (1 + 0.05 nu_x).
/// </remarks>
public static class TrueDensity
{
    /// <summary>log p_f(y | x, nu) of the undistorted simulation: a bivariate normal with mean c_f(u, nu_y).</summary>
    public static double LogFeatureDensity(ToyFlavour flavour, double x, double y1, double y2, ToyNuisances nu = default)
    {
        double u = ToyModel.TrueKinematic(x, nu.VariationX);
        var (m1, m2) = ToyModel.ClassMean(flavour, u, nu.VariationY);
        double s1 = ToyModel.Sigma1(u), s2 = ToyModel.Sigma2;
        double rho = ToyModel.Correlation(flavour);
        double d1 = (y1 - m1) / s1, d2 = (y2 - m2) / s2;
        double oneMinusRho2 = 1 - rho * rho;
        double quadratic = (d1 * d1 - 2 * rho * d1 * d2 + d2 * d2) / oneMinusRho2;
        return -Math.Log(2 * Math.PI) - Math.Log(s1) - Math.Log(s2) - 0.5 * Math.Log(oneMinusRho2) - 0.5 * quadratic;
    }

    /// <summary>log p_f(x | nu): the truncated normal law of u pushed through x = u (1 + 0.05 nu_x); -infinity below the truncation.</summary>
    public static double LogKinematicDensity(ToyFlavour flavour, double x, ToyNuisances nu = default)
    {
        double scale = ToyModel.KinematicScale(nu.VariationX);
        double u = x / scale;
        if (!(u > ToyModel.TruncationU)) return double.NegativeInfinity;
        double mu = ToyModel.KinematicMean(flavour), s = ToyModel.KinematicWidth(flavour);
        double keptMass = NormalDistribution.Survival((ToyModel.TruncationU - mu) / s);
        return NormalDistribution.LogPdf((u - mu) / s) - Math.Log(s) - Math.Log(keptMass) - Math.Log(scale);
    }

    /// <summary>log p_f(y | x, nu) of the distorted data features: the simulation density pulled back by the distortion.</summary>
    public static double LogDataFeatureDensity(ToyFlavour flavour, double x, double y1, double y2, ToyNuisances nu = default)
    {
        double u = ToyModel.TrueKinematic(x, nu.VariationX);
        var (t1, t2) = Distortion.Invert(flavour, x, u, y1, y2);
        return LogFeatureDensity(flavour, x, t1, t2, nu) - Distortion.LogAbsDetJacobian(flavour, x);
    }

    /// <summary>Mean of the truncated kinematic law of u (before the nu_x scale): mu + s phi(alpha) / (1 - Phi(alpha)).</summary>
    public static double TruncatedKinematicMean(ToyFlavour flavour)
    {
        double mu = ToyModel.KinematicMean(flavour), s = ToyModel.KinematicWidth(flavour);
        double alpha = (ToyModel.TruncationU - mu) / s;
        return mu + s * Math.Exp(NormalDistribution.LogPdf(alpha)) / NormalDistribution.Survival(alpha);
    }
}
