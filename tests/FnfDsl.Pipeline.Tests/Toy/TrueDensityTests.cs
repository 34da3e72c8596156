using FnfDsl.Testing.Toy;
using FnfDsl.Tables;

namespace FnfDsl.Pipeline.Tests.Toy;

/// The closed-form true densities are normalised and describe the generated samples.
public class TrueDensityTests
{
    public static TheoryData<ToyFlavour, double, double> FlavourAndNuisances => new()
    {
        { ToyFlavour.A, 0, 0 },
        { ToyFlavour.B, 0, 0 },
        { ToyFlavour.A, 1, -1 },
        { ToyFlavour.B, -1, 2 },
    };

    [Theory]
    [MemberData(nameof(FlavourAndNuisances))]
    public void FeatureDensityIntegratesToOneAtAFixedX(ToyFlavour flavour, double nuX, double nuY)
    {
        var nu = new ToyNuisances(nuX, nuY);
        const double x = 1.5;
        var (m1, m2) = ToyModel.ClassMean(flavour, ToyModel.TrueKinematic(x, nuX), nuY);
        double integral = Integrate2D(m1, m2, 4.0, (y1, y2) => TrueDensity.LogFeatureDensity(flavour, x, y1, y2, nu));
        Assert.Equal(1.0, integral, 1e-3);
    }

    [Theory]
    [MemberData(nameof(FlavourAndNuisances))]
    public void DataFeatureDensityIntegratesToOneAtAFixedX(ToyFlavour flavour, double nuX, double nuY)
    {
        var nu = new ToyNuisances(nuX, nuY);
        const double x = 2.2;
        double u = ToyModel.TrueKinematic(x, nuX);
        var (m1, m2) = ToyModel.ClassMean(flavour, u, nuY);
        var (c1, c2) = Distortion.Apply(flavour, x, u, m1, m2);
        double integral = Integrate2D(c1, c2, 6.0, (y1, y2) => TrueDensity.LogDataFeatureDensity(flavour, x, y1, y2, nu));
        Assert.Equal(1.0, integral, 1e-3);
    }

    [Theory]
    [InlineData(ToyFlavour.A, 0)]
    [InlineData(ToyFlavour.B, 0)]
    [InlineData(ToyFlavour.A, 1)]
    [InlineData(ToyFlavour.B, -2)]
    public void KinematicDensityIntegratesToOne(ToyFlavour flavour, double nuX)
    {
        var nu = new ToyNuisances(VariationX: nuX);
        const int steps = 30_000;
        const double high = 15.0, h = high / steps;
        double integral = 0;
        for (int i = 0; i < steps; i++) integral += Math.Exp(TrueDensity.LogKinematicDensity(flavour, (i + 0.5) * h, nu)) * h;
        Assert.Equal(1.0, integral, 1e-3);
        Assert.Equal(double.NegativeInfinity, TrueDensity.LogKinematicDensity(flavour, 0.19 * ToyModel.KinematicScale(nuX), nu));
    }

    [Theory]
    [InlineData(ToyFlavour.A, 0.0)]
    [InlineData(ToyFlavour.B, 0.0)]
    [InlineData(ToyFlavour.A, 1.0)]
    [InlineData(ToyFlavour.B, -1.0)]
    public void MeanFeatureLogDensityOfASampleMatchesItsExpectation(ToyFlavour flavour, double nuX)
    {
        // For a bivariate normal, E[log p(y | x)] = -log(2 pi) - log(s1 s2) - log(1 - rho^2) / 2 - 1, and the
        // density at the wrong nuisances (nominal) loses on average the Kullback-Leibler divergence of the two normals.
        var nu = new ToyNuisances(VariationX: nuX, VariationY: 1);
        var table = ToyGenerator.Simulate(flavour, 20_000, nu, 303);
        double[] x = table.Doubles(ToyColumns.X), y1 = table.Doubles(ToyColumns.Y1), y2 = table.Doubles(ToyColumns.Y2);
        double rho = ToyModel.Correlation(flavour);
        double meanLogP = 0, expected = 0, wrongNu = 0, kl = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double u = ToyModel.TrueKinematic(x[i], nuX);
            meanLogP += TrueDensity.LogFeatureDensity(flavour, x[i], y1[i], y2[i], nu);
            expected += -Math.Log(2 * Math.PI) - Math.Log(ToyModel.Sigma1(u) * ToyModel.Sigma2) - 0.5 * Math.Log(1 - rho * rho) - 1;
            wrongNu += TrueDensity.LogFeatureDensity(flavour, x[i], y1[i], y2[i], ToyNuisances.Nominal);
            kl += KullbackLeibler(flavour, u, nu.VariationY, x[i]);
        }
        int n = x.Length;
        Assert.Equal(expected / n, meanLogP / n, 0.03); // SE 0.007
        double loss = (meanLogP - wrongNu) / n;
        Assert.True(loss > 0);
        Assert.Equal(kl / n, loss, 0.1 * kl / n + 0.003);
    }

    // KL(N(m_p, S_p) || N(m_q, S_q)) between the features' law at (u, nu_y) and the nominal law at u' = x.
    private static double KullbackLeibler(ToyFlavour flavour, double u, double nuY, double uNominal)
    {
        double rho = ToyModel.Correlation(flavour);
        var (p1, p2) = ToyModel.ClassMean(flavour, u, nuY);
        var (q1, q2) = ToyModel.ClassMean(flavour, uNominal);
        double sp1 = ToyModel.Sigma1(u), sq1 = ToyModel.Sigma1(uNominal), s2 = ToyModel.Sigma2;
        // Covariances [[s1^2, rho s1 s2], [rho s1 s2, s2^2]]; the inverse of q's divided by its determinant.
        double detP = sp1 * sp1 * s2 * s2 * (1 - rho * rho), detQ = sq1 * sq1 * s2 * s2 * (1 - rho * rho);
        double i11 = s2 * s2 / detQ, i22 = sq1 * sq1 / detQ, i12 = -rho * sq1 * s2 / detQ;
        double trace = i11 * sp1 * sp1 + 2 * i12 * rho * sp1 * s2 + i22 * s2 * s2;
        double d1 = q1 - p1, d2 = q2 - p2;
        double mahalanobis = i11 * d1 * d1 + 2 * i12 * d1 * d2 + i22 * d2 * d2;
        return 0.5 * (trace + mahalanobis - 2 + Math.Log(detQ / detP));
    }

    [Theory]
    [InlineData(ToyFlavour.A, 0.0)]
    [InlineData(ToyFlavour.B, 2.0)]
    public void MeanKinematicLogDensityOfASampleMatchesMinusTheEntropy(ToyFlavour flavour, double nuX)
    {
        var nu = new ToyNuisances(VariationX: nuX);
        double[] x = ToyGenerator.Simulate(flavour, 20_000, nu, 404).Doubles(ToyColumns.X);
        double meanLogP = x.Average(v => TrueDensity.LogKinematicDensity(flavour, v, nu));
        const int steps = 30_000;
        const double high = 15.0, h = high / steps;
        double expected = 0;
        for (int i = 0; i < steps; i++)
        {
            double logP = TrueDensity.LogKinematicDensity(flavour, (i + 0.5) * h, nu);
            if (double.IsFinite(logP)) expected += Math.Exp(logP) * logP * h;
        }
        Assert.Equal(expected, meanLogP, 0.03); // SE ~ 0.005
    }

    private static double Integrate2D(double c1, double c2, double halfWidth, Func<double, double, double> logDensity)
    {
        const int steps = 400;
        double h = 2 * halfWidth / steps;
        double sum = 0;
        for (int i = 0; i < steps; i++)
        {
            double y1 = c1 - halfWidth + (i + 0.5) * h;
            for (int j = 0; j < steps; j++) sum += Math.Exp(logDensity(y1, c2 - halfWidth + (j + 0.5) * h));
        }
        return sum * h * h;
    }
}
