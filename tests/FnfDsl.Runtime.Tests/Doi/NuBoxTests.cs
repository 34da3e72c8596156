using FnfDsl.Doi;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Doi;

/// The nu box of the amortized DoI: uniform draws stay inside it, the quadrature averages exactly.
public class NuBoxTests
{
    private static readonly NuBox Box = new(new[] { -1.0, 0.5 }, new[] { 2.0, 1.5 });

    [Fact]
    public void UniformDrawsFillTheBoxAndNothingElse()
    {
        using var g = new Generator(3);
        using var nu = Box.SampleUniform(50_000, g);
        Assert.Equal(new long[] { 50_000, 2 }, nu.shape);
        for (int k = 0; k < 2; k++)
        {
            using var col = nu[.., k];
            Assert.True(col.min().item<double>() >= Box.Low[k]);
            Assert.True(col.max().item<double>() <= Box.High[k]);
            Assert.Equal(0.5 * (Box.Low[k] + Box.High[k]), col.mean().item<double>(), 1);
        }
    }

    [Fact]
    public void QuadratureAveragesPolynomialsExactly()
    {
        var (nodes, weights) = Box.QuadratureGrid(3);
        Assert.Equal(9, nodes.Length);
        Assert.Equal(1.0, weights.Sum(), 12);
        // Mean of a^4 b^2 over the box, exact for 3 nodes (degree <= 5 per dimension).
        double quad = nodes.Select((n, i) => weights[i] * Math.Pow(n[0], 4) * n[1] * n[1]).Sum();
        double exact = (Math.Pow(2, 5) - Math.Pow(-1, 5)) / 5 / 3 * (Math.Pow(1.5, 3) - Math.Pow(0.5, 3)) / 3 / 1;
        Assert.Equal(exact, quad, 10);
    }

    [Fact]
    public void ADegenerateIntervalIsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => NuBox.FromIntervals(new[] { (0.0, 1.0), (2.0, double.PositiveInfinity) }));
        Assert.Contains("Nuisance 1", ex.Message);
    }

    [Fact]
    public void CornersAreValidatedAsIntervalsAre()
    {
        var box = NuBox.FromBounds([0.0, -1.0], [1.0, 2.0]);
        Assert.Equal(NuBox.FromIntervals(new[] { (0.0, 1.0), (-1.0, 2.0) }).Low, box.Low);
        Assert.Equal([1.0, 2.0], box.High);
        Assert.Contains("Nuisance 0", Assert.Throws<ArgumentException>(() => NuBox.FromBounds([1.0], [1.0])).Message);
        Assert.Contains("1 lower and 2 upper", Assert.Throws<ArgumentException>(() => NuBox.FromBounds([0.0], [1.0, 2.0])).Message);
    }

    [Fact]
    public void AFocusedBoxIsCentredAndCutToTheWideOne()
    {
        var wide = new NuBox([-2.0, -3.0, 0.0], [2.0, 1.0, 4.0]);
        var focused = NuBox.Around([1.5, -1.0, 2.0], [1.0, 0.25, double.PositiveInfinity], wide);
        Assert.Equal([0.5, -1.25, 0.0], focused.Low);  // third side: no finite width, the wide side is kept
        Assert.Equal([2.0, -0.75, 4.0], focused.High); // first side cut at the wide box's edge
        Assert.True(focused.Contains([1.5, -1.0, 2.0]));
        Assert.False(focused.Contains([0.4, -1.0, 2.0]));
        Assert.True(wide.Contains(focused.Low) && wide.Contains(focused.High));
    }

    [Fact]
    public void TheHullHoldsBothBoxes()
    {
        var hull = NuBox.Hull(new NuBox([0.0, -1.0], [1.0, 0.0]), new NuBox([0.5, -3.0], [2.0, -2.0]));
        Assert.Equal([0.0, -3.0], hull.Low);
        Assert.Equal([2.0, 0.0], hull.High);
    }

    [Fact]
    public void AFocusedBoxNeedsItsCentreInsideTheWideOne()
    {
        var wide = new NuBox([-1.0, -1.0], [1.0, 1.0]);
        var ex = Assert.Throws<ArgumentException>(() => NuBox.Around([0.0, 1.5], [0.1, 0.1], wide));
        Assert.Contains("Nuisance 1", ex.Message);
    }
}
