using FnfDsl.Testing.Toy;
using FnfDsl.Tables;

namespace FnfDsl.Pipeline.Tests.Toy;

/// Properties of the pure-C# random streams the toy data is drawn from.
public class SamplingTests
{
    [Fact]
    public void Xoshiro256StarStarMatchesTheReferenceSequence()
    {
        // Reference outputs of the authors' C code for the state {1, 2, 3, 4}.
        var bits = new Xoshiro256StarStar(1, 2, 3, 4);
        Assert.Equal(11520UL, bits.NextUInt64());
        Assert.Equal(0UL, bits.NextUInt64());
        Assert.Equal(1509978240UL, bits.NextUInt64());
        Assert.Equal(1215971899390074240UL, bits.NextUInt64());
    }

    [Fact]
    public void SeededStreamsRepeatAndNamedStreamsDiffer()
    {
        var a = new RandomStream(42, "events/A");
        var again = new RandomStream(42, "events/A");
        var other = new RandomStream(42, "events/B");
        var draws = Enumerable.Range(0, 100).Select(_ => a.NextUniform()).ToArray();
        Assert.Equal(draws, Enumerable.Range(0, 100).Select(_ => again.NextUniform()).ToArray());
        Assert.NotEqual(draws, Enumerable.Range(0, 100).Select(_ => other.NextUniform()).ToArray());
        Assert.NotEqual(SeedSequence.Derive(42, "data"), SeedSequence.Derive(43, "data"));
    }

    [Fact]
    public void StandardNormalsHaveUnitMomentsAndTheRightCentralMass()
    {
        const int n = 200_000;
        var random = new RandomStream(7);
        var z = Enumerable.Range(0, n).Select(_ => random.NextStandardNormal()).ToArray();
        double mean = z.Average();
        double variance = z.Select(v => (v - mean) * (v - mean)).Sum() / (n - 1);
        double withinOne = z.Count(v => Math.Abs(v) < 1) / (double)n;
        Assert.InRange(mean, -0.01, 0.01);               // SE 0.0022
        Assert.InRange(variance, 0.99, 1.01);            // SE 0.0032
        Assert.InRange(withinOne, 0.6827 - 0.005, 0.6827 + 0.005); // SE 0.001
    }

    [Theory]
    [InlineData(3.5)]    // Knuth's method
    [InlineData(42.0)]   // PTRS
    [InlineData(5000.0)] // PTRS, large mean
    public void PoissonDrawsHaveMeanAndVarianceEqualToTheMean(double mu)
    {
        const int n = 100_000;
        var random = new RandomStream(11, $"poisson/{mu}");
        var k = Enumerable.Range(0, n).Select(_ => (double)random.NextPoisson(mu)).ToArray();
        double mean = k.Average();
        double variance = k.Select(v => (v - mean) * (v - mean)).Sum() / (n - 1);
        Assert.InRange(mean, mu - 5 * Math.Sqrt(mu / n), mu + 5 * Math.Sqrt(mu / n));
        Assert.InRange(variance / mu, 0.98, 1.02); // relative SE of a variance ~ sqrt(2/n) = 0.0045
    }

    [Theory]
    [InlineData(4.0)]
    [InlineData(15.0)]
    public void PoissonDrawsFollowThePmf(double mu)
    {
        const int n = 200_000;
        var random = new RandomStream(3, $"pmf/{mu}");
        var counts = new Dictionary<int, int>();
        for (int i = 0; i < n; i++)
        {
            int k = random.NextPoisson(mu);
            counts[k] = counts.GetValueOrDefault(k) + 1;
        }
        double chi2 = 0;
        int bins = 0;
        for (int k = 0; k < 100; k++)
        {
            double expected = n * Math.Exp(k * Math.Log(mu) - mu - SpecialFunctions.LogFactorial(k));
            if (expected < 20) continue;
            double diff = counts.GetValueOrDefault(k) - expected;
            chi2 += diff * diff / expected;
            bins++;
        }
        // chi2 with ~bins degrees of freedom: mean bins, sd sqrt(2 bins); allow 5 sd.
        Assert.True(chi2 < bins + 5 * Math.Sqrt(2.0 * bins), $"chi2 = {chi2:F1} over {bins} bins");
    }

    [Fact]
    public void NextIntIsUniformOverItsRange()
    {
        const int n = 60_000;
        var random = new RandomStream(5);
        var counts = new int[6];
        for (int i = 0; i < n; i++) counts[random.NextInt(6)]++;
        foreach (int c in counts) Assert.InRange(c, 10_000 - 500, 10_000 + 500); // SE 91
    }

    [Theory]
    [InlineData(0.1, 0.8875370839817152)]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(2.0, 0.004677734981047265)]
    [InlineData(2.4, 0.0006885138966450789)]
    [InlineData(2.6, 0.00023603441652934908)]
    [InlineData(3.0, 2.2090496998585438e-05)]
    [InlineData(5.0, 1.5374597944280351e-12)]
    [InlineData(10.0, 2.088487583762545e-45)]
    [InlineData(-1.0, 1.842700792949715)]
    public void ErfcMatchesReferenceValuesToRelativePrecision(double z, double expected)
    {
        Assert.Equal(1.0, SpecialFunctions.Erfc(z) / expected, 12);
    }

    [Fact]
    public void NormalCdfAndLogFactorialMatchReferenceValues()
    {
        Assert.Equal(1.0, NormalDistribution.Cdf(-3) / 0.0013498980316300957, 12);
        Assert.Equal(1.0, NormalDistribution.Survival(3) / 0.0013498980316300957, 12);
        Assert.Equal(0.5, NormalDistribution.Cdf(0), 15);
        Assert.Equal(81.55795945611503, SpecialFunctions.LogFactorial(32), 11);   // Stirling branch
        Assert.Equal(363.73937555556347, SpecialFunctions.LogFactorial(100), 10);
        Assert.Equal(Enumerable.Range(1, 31).Sum(k => Math.Log(k)), SpecialFunctions.LogFactorial(31), 12);
    }
}
