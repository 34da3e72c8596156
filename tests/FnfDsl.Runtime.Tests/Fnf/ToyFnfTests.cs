using FnfDsl.Likelihood;
using FnfDsl.Profiling;
using FnfDsl.Tests.Analysis;
using FnfDsl.Testing.Toy;
using FnfDsl.Tables;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Fnf;

/// The FNF of the toy analysis after two-stage training (toy-dataset.md section 5): at nu_k = +-1 it
/// reproduces the variation samples, and it interpolates to nuisance values it never saw.
///
/// Shifts are compared with common random numbers: the same nominal draws pushed through S^-1 at two nu,
/// so their difference is the FNF's effect alone. The half difference between +1 and -1 is the linear
/// coefficient, which a bias of the nominal flow cannot move (the quadratic term absorbs that bias).
public class ToyFnfTests(ToyFnfFixture toy, ITestOutputHelper output) : IClassFixture<ToyFnfFixture>
{
    private const int Events = 3000, Bins = 5;
    private static readonly ToyFlavour[] Flavours = [ToyFlavour.A, ToyFlavour.B];

    [Fact]
    public void HeldOutVariationSamplesAreMoreLikelyAtTheirOwnNu()
    {
        output.WriteLine($"training: nominal {toy.NominalSeconds:F0} s, heads {toy.SystematicSeconds:F0} s");
        foreach (string name in ToyNuisances.ShapeNames)
            foreach (double shift in new[] { 1.0, -1.0 })
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
                output.WriteLine($"{name} = {shift:+0;-0}: log-likelihood gain per event over nu = 0: model {modelGain:F4} +- {standardError:F4}, truth {trueGain:F4}");
                Assert.True(modelGain > 3 * standardError, $"{name} = {shift}: the sample is not clearly more likely at its own nu ({modelGain} +- {standardError})");
                Assert.True(modelGain > 0.5 * trueGain, $"{name} = {shift}: the model gains {modelGain} per event, the truth {trueGain}");
            }
    }

    [Fact]
    public void PerXBinShiftsOfTheFeaturesMatchTheTruth()
    {
        foreach (string name in ToyNuisances.ShapeNames)
            foreach (var f in Flavours)
            {
                var up = ToyNuisances.Nominal.With(name, 1);
                var down = ToyNuisances.Nominal.With(name, -1);
                double[] x = ToyGenerator.Simulate(f, Events, ToyNuisances.Nominal, seed: 7_000 + (ulong)f).Doubles(ToyColumns.X);
                using var context = cat([Column(x), OneHot(Events, f)], 1);
                double[][] atUp = Draws(context, up), atDown = Draws(context, down);
                int[] bin = QuantileBins(x);
                var residuals = new List<double>();
                var truths = new List<double>();
                for (int b = 0; b < Bins; b++)
                {
                    int[] rows = Enumerable.Range(0, Events).Where(i => bin[i] == b).ToArray();
                    for (int d = 0; d < 2; d++)
                    {
                        double model = rows.Average(i => (atUp[d][i] - atDown[d][i]) / 2);
                        double truth = rows.Average(i => (TrueMean(f, x[i], up)[d] - TrueMean(f, x[i], down)[d]) / 2);
                        output.WriteLine($"{name}, flavour {f}, x bin {b}, y{d + 1}: half shift {model:F4}, truth {truth:F4}");
                        Assert.True(Math.Abs(model - truth) < 0.04, $"{name}, flavour {f}, x bin {b}, y{d + 1}: half shift {model:F4}, truth {truth:F4}");
                        residuals.Add(model - truth);
                        truths.Add(truth);
                    }
                }
                // Most of the x-dependent shift is learnt; an identity map would leave all of it (ratio 1).
                double ratio = Rms(residuals) / Rms(truths);
                output.WriteLine($"{name}, flavour {f}: rms residual / rms shift = {ratio:F3}");
                Assert.True(Rms(truths) > 0.03, $"{name}, flavour {f}: the variation barely moves the means");
                Assert.True(ratio < 0.4, $"{name}, flavour {f}: the FNF misses {ratio:P0} of the shift");
            }
    }

    [Fact]
    public void PerXBinMeansAndWidthsAtPlusMinusOneMatchTheVariationSamples()
    {
        // The whole density at nu = +-1 (nominal flow + FNF) against the variation samples; the tolerances
        // reflect the test-sized nominal flow, the shifts themselves are tested above.
        foreach (string name in ToyNuisances.ShapeNames)
            foreach (double shift in new[] { 1.0, -1.0 })
                foreach (var f in Flavours)
                {
                    var nu = ToyNuisances.Nominal.With(name, shift);
                    var t = ToyGenerator.Simulate(f, Events, nu, seed: 6_000 + (ulong)f);
                    double[] x = t.Doubles(ToyColumns.X);
                    using var context = cat([Column(x), OneHot(Events, f)], 1);
                    double[][] model = Draws(context, nu), sample = [t.Doubles(ToyColumns.Y1), t.Doubles(ToyColumns.Y2)];
                    int[] bin = QuantileBins(x);
                    for (int b = 0; b < Bins; b++)
                    {
                        int[] rows = Enumerable.Range(0, Events).Where(i => bin[i] == b).ToArray();
                        for (int d = 0; d < 2; d++)
                        {
                            string where = $"{name} = {shift}, flavour {f}, x bin {b}, y{d + 1}";
                            double modelMean = rows.Average(i => model[d][i]), sampleMean = rows.Average(i => sample[d][i]);
                            double modelWidth = Std(rows.Select(i => model[d][i])), sampleWidth = Std(rows.Select(i => sample[d][i]));
                            output.WriteLine($"{where}: mean {modelMean:F4} (sample {sampleMean:F4}), width {modelWidth:F4} (sample {sampleWidth:F4})");
                            Assert.True(Math.Abs(modelMean - sampleMean) < 0.1, $"{where}: mean {modelMean:F4}, variation sample {sampleMean:F4}");
                            Assert.True(Math.Abs(modelWidth / sampleWidth - 1) < 0.15, $"{where}: width {modelWidth:F4}, variation sample {sampleWidth:F4}");
                        }
                    }
                }
    }

    [Fact]
    public void TheKinematicFnfLearnsTheScaleOfX()
    {
        foreach (var f in Flavours)
        {
            using var oneHot = OneHot(Events, f);
            double[] Draw(ToyNuisances nu)
            {
                using var v = NuVector(nu);
                using var draws = toy.Model.Kinematics!.Sample(oneHot, v, new Generator(78));
                return Values(draws, 0);
            }
            double[] up = Draw(ToyNuisances.Nominal.With(ToyNuisances.VariationXName, 1));
            double[] down = Draw(ToyNuisances.Nominal.With(ToyNuisances.VariationXName, -1));
            double[] nominal = Draw(ToyNuisances.Nominal);

            // x = u (1 + 0.05 nu_x): the half difference of the means is 0.05 E[u], of the widths 0.05 std(u).
            double halfShift = (up.Average() - down.Average()) / 2, trueHalfShift = ToyModel.KinematicScalePerSigma * TrueDensity.TruncatedKinematicMean(f);
            double halfScale = (Std(up) - Std(down)) / 2 / Std(nominal);
            output.WriteLine($"flavour {f}: half shift of E[x] {halfShift:F4} (truth {trueHalfShift:F4}), relative half change of the width {halfScale:F4} (truth 0.05)");
            Assert.True(Math.Abs(halfShift - trueHalfShift) < 0.25 * trueHalfShift, $"flavour {f}: half shift {halfShift:F4}, truth {trueHalfShift:F4}");
            Assert.True(Math.Abs(halfScale - ToyModel.KinematicScalePerSigma) < 0.02, $"flavour {f}: width half change {halfScale:F4}, truth 0.05");

            foreach (double shift in new[] { 1.0, -1.0 })
            {
                double[] model = shift > 0 ? up : down;
                double[] sample = ToyGenerator.Simulate(f, Events, ToyNuisances.Nominal.With(ToyNuisances.VariationXName, shift), seed: 8_000 + (ulong)f).Doubles(ToyColumns.X);
                Assert.True(Math.Abs(model.Average() - sample.Average()) < 0.05, $"flavour {f}, nu_x = {shift}: mean {model.Average():F4}, sample {sample.Average():F4}");
                Assert.True(Math.Abs(Std(model) / Std(sample) - 1) < 0.08, $"flavour {f}, nu_x = {shift}: width {Std(model):F4}, sample {Std(sample):F4}");
            }
        }
    }

    [Fact]
    public void InterpolationClosureRecoversNuisancesNeverTrainedOn()
    {
        // Simulation at nu_x = -0.5, nu_y = +0.5 (the heads saw only +-1); fit the two shape nuisances, rates at 0.
        var injected = ToyNuisances.Nominal.With(ToyNuisances.VariationXName, -0.5).With(ToyNuisances.VariationYName, 0.5);
        var tables = Flavours.Select(f => ToyGenerator.Simulate(f, 1000, injected, seed: 5_000 + (ulong)f)).ToArray();
        var events = EventData.Create(
            cat(tables.Select(t => Column(t.Doubles(ToyColumns.X))).ToArray(), 0),
            cat(tables.Select(t => tensor(t.ToRowMajorFloats(ToyColumns.Y1, ToyColumns.Y2)).view(t.RowCount, 2)).ToArray(), 0),
            source: "closure sample");
        var model = toy.Model.Mixture;
        var likelihood = new MixtureLikelihood(
            new MixtureModel(model.Flavours.Select(fl => new FlavourYield(fl.Name, 1000)).ToList(), model.Pois, model.Nuisances, model.Modifiers),
            toy.Model.SimulationDensities(), LikelihoodMode.Joint);
        var full = likelihood.AsObjective(events);
        // Only the shape nuisances vary, so derivatives are taken in those two alone.
        var shapes = Objective.Sum(full.Parts, (part, p) => full.Evaluate(part, cat([p, zeros(2, dtype: ScalarType.Float64)])));

        // The densities are float32: a 1e-9 decrease (the default) is below their rounding; 1e-4 NLL is far below the 0.5 of 1 sigma.
        var fit = Minimizer.Minimize(shapes, [0, 0], new MinimizeOptions { Tolerance = 1e-4 });
        Assert.True(fit.Converged, "the nuisance fit did not converge");
        var (_, _, hessian) = Derivatives.ValueGradientHessian(shapes, fit.Parameters);
        var covariance = LinearAlgebra.InverseSpd(hessian);
        double[] truth = [injected.VariationX, injected.VariationY];
        for (int k = 0; k < 2; k++)
        {
            double sigma = Math.Sqrt(covariance[k, k]);
            output.WriteLine($"{ToyFixture.Nuisances[k]}: fitted {fit.Parameters[k]:F3} +- {sigma:F3}, injected {truth[k]}");
            Assert.True(sigma < 0.2, $"{ToyFixture.Nuisances[k]}: uncertainty {sigma} too large for the closure to mean anything");
            Assert.True(Math.Abs(fit.Parameters[k] - truth[k]) < 2 * sigma,
                $"{ToyFixture.Nuisances[k]}: fitted {fit.Parameters[k]:F3} +- {sigma:F3}, injected {truth[k]}");
        }
    }

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

    /// Features drawn at nu for each context row, from one fixed random stream (common random numbers).
    private double[][] Draws(Tensor context, ToyNuisances nu)
    {
        using var v = NuVector(nu);
        using var draws = toy.Model.Features.Sample(context, v, new Generator(77));
        return [Values(draws, 0), Values(draws, 1)];
    }

    private static Tensor NuVector(ToyNuisances nu) => tensor(ToyFixture.Nuisances.Select(n => (float)nu[n]).ToArray());

    private static Tensor OneHot(int n, ToyFlavour f) => FlavourContext.OneHot(n, (int)f, 2, ScalarType.Float32);

    private static Tensor Column(double[] values) => tensor(values.Select(v => (float)v).ToArray()).unsqueeze(1);

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

    private static int[] QuantileBins(double[] x)
    {
        double[] sorted = x.Order().ToArray();
        double[] edges = Enumerable.Range(1, Bins - 1).Select(b => sorted[b * sorted.Length / Bins]).ToArray();
        return x.Select(v => edges.Count(e => v >= e)).ToArray();
    }

    private static double Std(IEnumerable<double> values)
    {
        double[] v = values.ToArray();
        double mean = v.Average();
        return Math.Sqrt(v.Sum(a => (a - mean) * (a - mean)) / (v.Length - 1));
    }

    private static double Rms(IEnumerable<double> values) => Math.Sqrt(values.Average(v => v * v));
}
