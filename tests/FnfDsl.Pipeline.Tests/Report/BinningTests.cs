using FnfDsl.Pipeline.Plots;

namespace FnfDsl.Pipeline.Tests.Report;

/// <summary>Histogram arithmetic: counts in half-open bins, equal-population edges, robust ranges.</summary>
public sealed class BinningTests
{
    [Fact]
    public void Counts_UseHalfOpenBinsAndDropOutsideValues()
    {
        double[] edges = [0, 1, 2, 3];
        double[] values = [-0.1, 0, 0.5, 1, 2.999, 3, double.NaN];

        Assert.Equal([2.0, 1.0, 1.0], Binning.Counts(values, edges));
    }

    [Fact]
    public void Counts_HonourTheRowFilter()
    {
        double[] values = [0.5, 0.5, 1.5, 1.5];
        Assert.Equal([1.0, 2.0], Binning.Counts(values, [0.0, 1.0, 2.0], i => i != 0));
    }

    [Fact]
    public void QuantileEdges_SplitASampleIntoEqualShares()
    {
        var values = Enumerable.Range(0, 1000).Select(i => Math.Pow(i / 999.0, 3)).ToArray();

        var edges = Binning.QuantileEdges(values, 4);
        var counts = Binning.Counts(values, edges);

        Assert.Equal(5, edges.Length);
        Assert.Equal(1000, counts.Sum());
        Assert.All(counts, c => Assert.InRange(c, 249, 251));
    }

    [Fact]
    public void RobustRange_IgnoresFarOutliers()
    {
        var values = Enumerable.Range(0, 1000).Select(i => i / 1000.0).Append(1e6).ToArray();

        var (low, high) = Binning.RobustRange(values);

        Assert.InRange(low, -0.03, 0.01);
        Assert.InRange(high, 0.99, 1.03);
    }
}
