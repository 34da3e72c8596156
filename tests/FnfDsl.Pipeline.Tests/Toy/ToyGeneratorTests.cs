using FnfDsl.Testing.Toy;
using FnfDsl.Tables;

namespace FnfDsl.Pipeline.Tests.Toy;

/// The generator reproduces toy-dataset.md: seeds, moments, truncation, nuisance effects, data yields.
public class ToyGeneratorTests
{
    [Fact]
    public void TheSameSeedGivesIdenticalTablesAndAnotherSeedDoesNot()
    {
        var nu = new ToyNuisances(VariationX: 0.5, VariationY: -1);
        Assert.True(ToyGenerator.Simulate(ToyFlavour.B, 2000, nu, 17).ContentEquals(ToyGenerator.Simulate(ToyFlavour.B, 2000, nu, 17)));
        Assert.False(ToyGenerator.Simulate(ToyFlavour.B, 2000, nu, 17).ContentEquals(ToyGenerator.Simulate(ToyFlavour.B, 2000, nu, 18)));
        Assert.True(ToyGenerator.Data(800, 700, 5).ContentEquals(ToyGenerator.Data(800, 700, 5)));
        Assert.False(ToyGenerator.Data(800, 700, 5).ContentEquals(ToyGenerator.Data(800, 700, 6)));
    }

    [Theory]
    [InlineData(ToyFlavour.A)]
    [InlineData(ToyFlavour.B)]
    public void FeatureResidualsHaveTheSpecifiedWidthsAndCorrelation(ToyFlavour flavour)
    {
        const int n = 20_000;
        var table = ToyGenerator.Simulate(flavour, n, ToyNuisances.Nominal, 101);
        double[] x = table.Doubles(ToyColumns.X), y1 = table.Doubles(ToyColumns.Y1), y2 = table.Doubles(ToyColumns.Y2);
        var r1 = new double[n];
        var r2 = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u = x[i]; // nu_x = 0: x = u
            var (m1, m2) = ToyModel.ClassMean(flavour, u);
            r1[i] = (y1[i] - m1) / ToyModel.Sigma1(u);
            r2[i] = (y2[i] - m2) / ToyModel.Sigma2;
        }
        // Standard errors on 20k events: mean 0.007, sd 0.005, correlation <= 0.006.
        Assert.InRange(r1.Average(), -0.03, 0.03);
        Assert.InRange(r2.Average(), -0.03, 0.03);
        Assert.InRange(StdDev(r1), 0.98, 1.02);
        Assert.InRange(StdDev(r2), 0.98, 1.02);
        Assert.InRange(Correlation(r1, r2), ToyModel.Correlation(flavour) - 0.025, ToyModel.Correlation(flavour) + 0.025);
        Assert.Equal((int)flavour, table.Ints(ToyColumns.Flavour).Distinct().Single());
    }

    [Theory]
    [InlineData(ToyFlavour.A)]
    [InlineData(ToyFlavour.B)]
    public void KinematicsAreTheTruncatedNormalOfTheSpec(ToyFlavour flavour)
    {
        var x = ToyGenerator.Simulate(flavour, 20_000, ToyNuisances.Nominal, 202).Doubles(ToyColumns.X);
        Assert.True(x.Min() > ToyModel.TruncationU);
        double expectedMean = TrueDensity.TruncatedKinematicMean(flavour);
        Assert.InRange(x.Average(), expectedMean - 0.025, expectedMean + 0.025); // SE <= 0.0064
        // The truncation moves the mean up from mu_f by a small, known amount.
        Assert.True(expectedMean > ToyModel.KinematicMean(flavour));
        Assert.True(expectedMean - ToyModel.KinematicMean(flavour) < 0.01);
    }

    [Fact]
    public void KinematicScaleNuisanceScalesXExactlyAndLeavesFeaturesUnchanged()
    {
        var nominal = ToyGenerator.Simulate(ToyFlavour.A, 3000, ToyNuisances.Nominal, 9);
        var up = ToyGenerator.Simulate(ToyFlavour.A, 3000, new ToyNuisances(VariationX: 1), 9);
        double[] x0 = nominal.Doubles(ToyColumns.X), x1 = up.Doubles(ToyColumns.X);
        for (int i = 0; i < x0.Length; i++)
        {
            Assert.Equal(x0[i] * ToyModel.KinematicScale(1), x1[i]); // same u, deterministic scale
            Assert.Equal(x0[i] * 1.05, x1[i], 1e-14 * x1[i]);
        }
        Assert.Equal(nominal.Doubles(ToyColumns.Y1), up.Doubles(ToyColumns.Y1));
        Assert.Equal(nominal.Doubles(ToyColumns.Y2), up.Doubles(ToyColumns.Y2));
    }

    [Theory]
    [InlineData(ToyFlavour.A)]
    [InlineData(ToyFlavour.B)]
    public void FeatureScaleNuisanceMovesOnlyTheY1MeanByTenPercentOfItsAmplitude(ToyFlavour flavour)
    {
        var nominal = ToyGenerator.Simulate(flavour, 3000, ToyNuisances.Nominal, 21);
        var down = ToyGenerator.Simulate(flavour, 3000, new ToyNuisances(VariationY: -1), 21);
        double[] x = nominal.Doubles(ToyColumns.X);
        Assert.Equal(x, down.Doubles(ToyColumns.X));
        Assert.Equal(nominal.Doubles(ToyColumns.Y2), down.Doubles(ToyColumns.Y2));
        double[] y0 = nominal.Doubles(ToyColumns.Y1), y1 = down.Doubles(ToyColumns.Y1);
        for (int i = 0; i < x.Length; i++)
        {
            double amplitude = flavour == ToyFlavour.A ? 1.0 * Math.Sin(1.2 * x[i]) : 0.8 * Math.Cos(0.9 * x[i]);
            Assert.Equal(-0.10 * amplitude, y1[i] - y0[i], 1e-12);
        }
    }

    [Fact]
    public void DataEventsOfAFlavourAreTheSimulationEventsOfTheSameSeed()
    {
        var injected = new ToyNuisances(VariationX: 1, VariationY: -0.5);
        var data = ToyGenerator.Data(600, 400, 33, injected);
        foreach (var flavour in new[] { ToyFlavour.A, ToyFlavour.B })
        {
            var rows = data.Where(i => data.Ints(ToyColumns.FlavourTrue)[i] == (int)flavour);
            var simulation = ToyGenerator.Simulate(flavour, rows.RowCount, injected, 33);
            // Data rows are shuffled: compare both sorted by x.
            var dataOrder = Enumerable.Range(0, rows.RowCount).OrderBy(i => rows.Doubles(ToyColumns.X)[i]).ToArray();
            var simOrder = Enumerable.Range(0, rows.RowCount).OrderBy(i => simulation.Doubles(ToyColumns.X)[i]).ToArray();
            Assert.Equal(simulation.TakeRows(simOrder).Doubles(ToyColumns.X), rows.TakeRows(dataOrder).Doubles(ToyColumns.X));
            Assert.Equal(simulation.TakeRows(simOrder).Doubles(ToyColumns.Y1), rows.TakeRows(dataOrder).Doubles(ToyColumns.Y1True));
            Assert.Equal(simulation.TakeRows(simOrder).Doubles(ToyColumns.Y2), rows.TakeRows(dataOrder).Doubles(ToyColumns.Y2True));
        }
        double[] x = data.Doubles(ToyColumns.X), u = data.Doubles(ToyColumns.U);
        for (int i = 0; i < x.Length; i++) Assert.Equal(x[i], u[i] * 1.05, 1e-14 * x[i]);
        Assert.Equal(injected, ToyGenerator.NuisancesOf(data));
    }

    [Fact]
    public void DataRowsAreShuffledNotGroupedByFlavour()
    {
        var flavours = ToyGenerator.Data(500, 500, 4).Ints(ToyColumns.FlavourTrue);
        int changes = Enumerable.Range(1, flavours.Length - 1).Count(i => flavours[i] != flavours[i - 1]);
        Assert.InRange(changes, 400, 600); // ~n/2 for a random order, 1 if grouped
    }

    [Fact]
    public void DataYieldsArePoissonAroundNfAndNormNuisancesScaleThemByKappa()
    {
        const int seeds = 40;
        const double expected = 2000;
        var nominal = Enumerable.Range(0, seeds).Select(s => Counts(ToyGenerator.Data(expected, expected, (ulong)s))).ToArray();
        var shifted = Enumerable.Range(0, seeds).Select(s => Counts(ToyGenerator.Data(expected, expected, (ulong)s, new ToyNuisances(NormA: 1)))).ToArray();
        double tolerance = 4 * Math.Sqrt(expected * 1.1 / seeds); // 4 standard errors of a mean of 40 counts
        Assert.InRange(nominal.Average(c => c.A), expected - tolerance, expected + tolerance);
        Assert.InRange(nominal.Average(c => c.B), expected - tolerance, expected + tolerance);
        Assert.InRange(shifted.Average(c => c.A), 1.10 * expected - tolerance, 1.10 * expected + tolerance);
        Assert.InRange(shifted.Average(c => c.B), expected - tolerance, expected + tolerance);
        // Counts vary from seed to seed like a Poisson law: variance ~ mean.
        double variance = nominal.Select(c => (c.A - expected) * (c.A - expected)).Average();
        Assert.InRange(variance / expected, 0.3, 2.0); // chi2(40)/40 has sd 0.22
    }

    [Fact]
    public void PresetsHaveThePaperAndSmallSizes()
    {
        Assert.Equal((300_000, 100_000, 50_000.0, 50_000.0),
            (ToyConfig.Paper.NominalSize, ToyConfig.Paper.VariationSize, ToyConfig.Paper.DataYieldA, ToyConfig.Paper.DataYieldB));
        Assert.Equal((20_000, 10_000, 5_000.0, 5_000.0),
            (ToyConfig.Small.NominalSize, ToyConfig.Small.VariationSize, ToyConfig.Small.DataYieldA, ToyConfig.Small.DataYieldB));
    }

    [Fact]
    public void BadArgumentsAreRejectedByName()
    {
        Assert.Throws<ArgumentOutOfRangeException>("count", () => ToyGenerator.Simulate(ToyFlavour.A, -1, default, 1));
        Assert.Throws<ArgumentOutOfRangeException>("nu", () => ToyGenerator.Simulate(ToyFlavour.A, 1, new ToyNuisances(VariationY: double.NaN), 1));
        Assert.Throws<ArgumentOutOfRangeException>("expectedB", () => ToyGenerator.Data(10, -1, 1));
        Assert.Throws<ArgumentException>("name", () => ToyNuisances.Nominal.With("variation_z", 1));
    }

    private static (int A, int B) Counts(EventTable data)
    {
        var f = data.Ints(ToyColumns.FlavourTrue);
        return (f.Count(v => v == 0), f.Count(v => v == 1));
    }

    private static double StdDev(double[] v)
    {
        double mean = v.Average();
        return Math.Sqrt(v.Sum(a => (a - mean) * (a - mean)) / (v.Length - 1));
    }

    private static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average();
        double cov = 0, va = 0, vb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            cov += (a[i] - ma) * (b[i] - mb);
            va += (a[i] - ma) * (a[i] - ma);
            vb += (b[i] - mb) * (b[i] - mb);
        }
        return cov / Math.Sqrt(va * vb);
    }
}
