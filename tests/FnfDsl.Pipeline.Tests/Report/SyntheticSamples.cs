using FnfDsl.Pipeline.Plots;

namespace FnfDsl.Pipeline.Tests.Report;

/// <summary>Seeded synthetic inputs for the figure tests, shaped like the toy (x around 2-3, y1 oscillating in x).</summary>
internal static class SyntheticSamples
{
    /// <summary><paramref name="count"/> events of flavour-like shape <paramref name="flavour"/> (0 or 1), with y1 shifted by <paramref name="shift"/>.</summary>
    public static EventColumns Events(int count, int flavour, int seed, double shift = 0.0)
    {
        var random = new Random(seed);
        var x = new double[count];
        var y1 = new double[count];
        var y2 = new double[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = Math.Max(0.2, (flavour == 0 ? 2.0 : 3.0) + (flavour == 0 ? 0.6 : 0.9) * Normal(random));
            y1[i] = (flavour == 0 ? Math.Sin(1.2 * x[i]) + 0.5 : 0.8 * Math.Cos(0.9 * x[i]) - 0.3) + 0.3 * Normal(random) + shift;
            y2[i] = (flavour == 0 ? 0.5 * x[i] - 0.5 : -0.4 * x[i] + 1.2) + 0.4 * Normal(random);
        }
        return new EventColumns(x, [y1, y2]);
    }

    /// <summary>The two flavours of a sample, concatenated.</summary>
    public static EventColumns Concat(EventColumns a, EventColumns b) => EventColumns.Concat([a, b]);

    /// <summary>A standard normal draw (Box-Muller).</summary>
    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Ascending grid of <paramref name="count"/> points from <paramref name="low"/> to <paramref name="high"/>.</summary>
    public static double[] Grid(double low, double high, int count) =>
        Enumerable.Range(0, count).Select(i => low + (high - low) * i / (count - 1)).ToArray();
}
