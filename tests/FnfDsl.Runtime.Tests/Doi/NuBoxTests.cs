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
}
