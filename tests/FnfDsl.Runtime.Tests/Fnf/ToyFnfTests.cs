using FnfDsl.Likelihood;
using FnfDsl.Profiling;
using FnfDsl.Tests.Analysis;
using ToyFnf.Dataset;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Fnf;

/// The FNF of the toy analysis after two-stage training (toy-dataset.md section 5): at nu_k = +-1 it
/// reproduces the variation samples, and it interpolates to nuisance values it never saw.
public class ToyFnfTests(ToyFnfFixture toy, ITestOutputHelper output) : IClassFixture<ToyFnfFixture>
{
    private const int Events = 3000;
    private static readonly ToyFlavour[] Flavours = [ToyFlavour.A, ToyFlavour.B];

    private static IEnumerable<(string Name, double Shift)> Variations() =>
        from name in ToyNuisances.ShapeNames from shift in new[] { 1.0, -1.0 } select (name, shift);

    private static Tensor NuVector(ToyNuisances nu) => tensor(ToyFixture.Nuisances.Select(n => nu[n]).ToArray(), dtype: ScalarType.Float32);

    private static Tensor OneHot(int n, ToyFlavour f) => FlavourContext.OneHot(n, (int)f, 2, ScalarType.Float32);

    private static Tensor Column(double[] values) => tensor(values.Select(v => (float)v).ToArray()).unsqueeze(1);

    /// log p(y | x, f, nu) + log p(x | f, nu) of each event of one flavour.
    private Tensor LogDensity(EventTable t, ToyFlavour f, ToyNuisances nu)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = Column(t.Doubles(ToyColumns.X));
        var y = tensor(t.ToRowMajorFloats(ToyColumns.Y1, ToyColumns.Y2)).view(t.RowCount, 2);
        var oneHot = OneHot(t.RowCount, f);
        var v = NuVector(nu);
        var logP = toy.Model.Features.LogProb(y, cat([x, oneHot], 1), v).add(toy.Model.Kinematics!.LogProb(x, oneHot, v));
        return logP.to_type(ScalarType.Float64).MoveToOuterDisposeScope();
    }

    [Fact]
    public void HeldOutVariationSamplesAreMoreLikelyAtTheirOwnNu()
    {
        output.WriteLine($"training: nominal {toy.NominalSeconds:F0} s, heads {toy.SystematicSeconds:F0} s");
        foreach (var (name, shift) in Variations())
        {
            var nu = ToyNuisances.Nominal.With(name, shift);
            double modelGain = 0, trueGain = 0, variance = 0;
            long n = 0;
            foreach (var f in Flavours)
            {
                var t = ToyGenerator.Simulate(f, Events, nu, seed: 9_000 + (ulong)f);
                using var gain = LogDensity(t, f, nu).sub(LogDensity(t, f, ToyNuisances.Nominal));
                modelGain += gain.sum().item<double>();
                variance += gain.var().item<double>() * t.RowCount;
                n += t.RowCount;
                double[] x = t.Doubles(ToyColumns.X), y1 = t.Doubles(ToyColumns.Y1), y2 = t.Doubles(ToyColumns.Y2);
                for (int i = 0; i < t.RowCount; i++)
                    trueGain += TrueDensity.LogFeatureDensity(f, x[i], y1[i], y2[i], nu) + TrueDensity.LogKinematicDensity(f, x[i], nu)
                        - TrueDensity.LogFeatureDensity(f, x[i], y1[i], y2[i]) - TrueDensity.LogKinematicDensity(f, x[i]);
            }
            modelGain /= n;
            trueGain /= n;
            double standardError = Math.Sqrt(variance / n / n);
            output.WriteLine($"{name} = {shift:+0;-0}: mean log-likelihood gain over nu = 0: model {modelGain:F4} +- {standardError:F4}, truth {trueGain:F4}");
            Assert.True(modelGain > 3 * standardError, $"{name} = {shift}: the +-1 sample is not clearly more likely at its own nu ({modelGain} +- {standardError})");
            Assert.True(modelGain > 0.5 * trueGain, $"{name} = {shift}: the model gains {modelGain} per event, the truth {trueGain}");
        }
    }

    [Fact]
    public void TheKinematicFnfReproducesTheScaleOfX()
    {
        foreach (double shift in new[] { 1.0, -1.0 })
            foreach (var f in Flavours)
            {
                var nu = ToyNuisances.Nominal.With(ToyNuisances.VariationXName, shift);
                using var oneHot = OneHot(Events, f);
                using var atNu = toy.Model.Kinematics!.Sample(oneHot, NuVector(nu), new Generator(78));
                using var atZero = toy.Model.Kinematics!.Sample(oneHot, NuVector(ToyNuisances.Nominal), new Generator(78));
                double[] xNu = Values(atNu, 0), xZero = Values(atZero, 0);
                double[] sample = ToyGenerator.Simulate(f, Events, nu, seed: 8_000 + (ulong)f).Doubles(ToyColumns.X);
                double scale = ToyModel.KinematicScale(shift);

                double modelRatio = xNu.Average() / xZero.Average();
                Assert.True(Math.Abs(modelRatio - scale) < 0.012, $"flavour {f}, nu_x = {shift}: mean ratio {modelRatio:F4}, truth {scale:F4}");
                Assert.True(Math.Abs(Std(xNu) / Std(xZero) - scale) < 0.03, $"flavour {f}, nu_x = {shift}: width ratio {Std(xNu) / Std(xZero):F4}, truth {scale:F4}");
                Assert.True(Math.Abs(xNu.Average() - sample.Average()) < 0.05, $"flavour {f}, nu_x = {shift}: mean {xNu.Average():F4}, sample {sample.Average():F4}");
                Assert.True(Math.Abs(Std(xNu) / Std(sample) - 1) < 0.08, $"flavour {f}, nu_x = {shift}: width {Std(xNu):F4}, sample {Std(sample):F4}");
            }
    }

    private static double[] TrueMean(ToyFlavour f, double x, ToyNuisances nu)
    {
        var (m1, m2) = ToyModel.ClassMean(f, ToyModel.TrueKinematic(x, nu.VariationX), nu.VariationY);
        return [m1, m2];
    }

    private static double[] Values(Tensor t, int column)
    {
        using var c = t.select(1, column).to_type(ScalarType.Float64).contiguous();
        return c.data<double>().ToArray();
    }

    private static int[] QuantileBins(double[] x, int bins)
    {
        double[] sorted = x.Order().ToArray();
        double[] edges = Enumerable.Range(1, bins - 1).Select(b => sorted[b * sorted.Length / bins]).ToArray();
        return x.Select(v => edges.Count(e => v >= e)).ToArray();
    }

    private static double Std(IEnumerable<double> values)
    {
        double[] v = values.ToArray();
        double mean = v.Average();
        return Math.Sqrt(v.Sum(a => (a - mean) * (a - mean)) / (v.Length - 1));
    }
}
