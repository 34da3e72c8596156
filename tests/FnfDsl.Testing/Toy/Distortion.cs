namespace FnfDsl.Testing.Toy;

/// <summary>The data distortion of toy-dataset.md section 3 (what the DoI must learn to undo), with its exact inverse.</summary>
/// <remarks>
/// D = amplitude modulation o vortex rotation o shear, with c = c_f(u) at nu = 0 as centre. The shear is
/// the linear map M = [[1 + o, k + o], [0.1 k + o, 1 + o]] on y itself; rotation and modulation act on
/// y - c and use the observed x. So log|det dD/dy| = log|det M| + 2 log(1 + a cos x).
/// </remarks>
public static class Distortion
{
    /// <summary>Shear coefficient k_f.</summary>
    public static double Shear(ToyFlavour flavour) => flavour == ToyFlavour.A ? 0.30 : -0.20;

    /// <summary>Shear offset o_f.</summary>
    public static double Offset(ToyFlavour flavour) => flavour == ToyFlavour.A ? 0.05 : -0.05;

    /// <summary>Vortex decay lambda_f.</summary>
    public static double VortexDecay(ToyFlavour flavour) => flavour == ToyFlavour.A ? 0.5 : 2.0;

    /// <summary>Amplitude modulation a_f.</summary>
    public static double Modulation(ToyFlavour flavour) => flavour == ToyFlavour.A ? 0.15 : 0.10;

    /// <summary>The vortex angle theta_f(x) = 0.5 / (1 + lambda_f x) at the observed x.</summary>
    public static double VortexAngle(ToyFlavour flavour, double x) => 0.5 / (1.0 + VortexDecay(flavour) * x);

    /// <summary>The modulation factor 1 + a_f cos(x) at the observed x.</summary>
    public static double ModulationFactor(ToyFlavour flavour, double x) => 1.0 + Modulation(flavour) * Math.Cos(x);

    /// <summary>The distorted features D_f(y; x, u): shear, then rotation, then modulation, around c_f(u) at nu = 0.</summary>
    public static (double Y1, double Y2) Apply(ToyFlavour flavour, double x, double u, double y1, double y2)
    {
        double k = Shear(flavour), o = Offset(flavour);
        double sheared1 = y1 + k * y2 + o * (y1 + y2);
        double sheared2 = y2 + 0.1 * k * y1 + o * (y1 + y2);

        var (c1, c2) = ToyModel.ClassMean(flavour, u);
        double theta = VortexAngle(flavour, x);
        double cos = Math.Cos(theta), sin = Math.Sin(theta);
        double d1 = sheared1 - c1, d2 = sheared2 - c2;
        double r1 = cos * d1 - sin * d2;
        double r2 = sin * d1 + cos * d2;

        double m = ModulationFactor(flavour, x);
        return (c1 + r1 * m, c2 + r2 * m);
    }

    /// <summary>The exact inverse D_f^-1: undo modulation, rotation and shear in reverse order.</summary>
    public static (double Y1, double Y2) Invert(ToyFlavour flavour, double x, double u, double y1, double y2)
    {
        var (c1, c2) = ToyModel.ClassMean(flavour, u);
        double m = ModulationFactor(flavour, x);
        double r1 = (y1 - c1) / m, r2 = (y2 - c2) / m;

        double theta = VortexAngle(flavour, x);
        double cos = Math.Cos(theta), sin = Math.Sin(theta);
        double sheared1 = c1 + cos * r1 + sin * r2;
        double sheared2 = c2 - sin * r1 + cos * r2;

        // Solve M y = sheared for the 2x2 shear matrix M by Cramer's rule.
        double k = Shear(flavour), o = Offset(flavour);
        double m11 = 1 + o, m12 = k + o, m21 = 0.1 * k + o, m22 = 1 + o;
        double det = m11 * m22 - m12 * m21;
        return ((m22 * sheared1 - m12 * sheared2) / det, (m11 * sheared2 - m21 * sheared1) / det);
    }

    /// <summary>log|det dD_f/dy| at the observed x (independent of y and u).</summary>
    public static double LogAbsDetJacobian(ToyFlavour flavour, double x)
    {
        double k = Shear(flavour), o = Offset(flavour);
        double shearDet = (1 + o) * (1 + o) - (k + o) * (0.1 * k + o);
        return Math.Log(Math.Abs(shearDet)) + 2 * Math.Log(Math.Abs(ModulationFactor(flavour, x)));
    }
}
