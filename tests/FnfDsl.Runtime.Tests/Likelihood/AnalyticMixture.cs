using FnfDsl.Likelihood;
using FnfDsl.Tests.Fnf;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Likelihood;

/// Two flavours with analytic Gaussian densities: x | f ~ N(mx_f, 1), y | x, f ~ N(my_f + 0.3 x + shiftY nu_0, 1)
/// (one feature), and x shifted by shiftX nu_0 too. Pure-flavour samples are exact draws.
public sealed class AnalyticMixture
{
    public AnalyticMixture(double[] mx, double[] my, int nuisances = 1, double shiftX = 0.0, double shiftY = 0.0)
    {
        var kinematicNu = new double[nuisances, 1];
        var featureNu = new double[nuisances, 1];
        if (nuisances > 0) { kinematicNu[0, 0] = shiftX; featureNu[0, 0] = shiftY; }
        Kinematics = new LinearGaussian([0.0], new double[,] { { mx[0] }, { mx[1] } }, kinematicNu, [1.0]);
        Features = new LinearGaussian([0.0], new double[,] { { 0.3 }, { my[0] }, { my[1] } }, featureNu, [1.0]);
        Densities = new FlavourDensities(Features, Kinematics, 2);
    }

    public LinearGaussian Kinematics { get; }
    public LinearGaussian Features { get; }
    public FlavourDensities Densities { get; }

    /// n events of flavour f drawn at nu.
    public (Tensor X, Tensor Y) Sample(long n, int flavour, double[] nu, ulong seed)
    {
        var g = new Generator(seed);
        using var nuT = tensor(nu).unsqueeze(0).expand(n, nu.Length);
        var oneHot = FlavourContext.OneHot(n, flavour, 2, ScalarType.Float64);
        var x = Kinematics.Sample(n, oneHot, nuT, g);
        var y = Features.Sample(n, cat([x, oneHot], 1), nuT, g);
        return (x, y);
    }

    public static EventData Events(params (Tensor X, Tensor Y)[] parts) =>
        EventData.Create(cat(parts.Select(p => p.X).ToArray(), 0), cat(parts.Select(p => p.Y).ToArray(), 0));
}
