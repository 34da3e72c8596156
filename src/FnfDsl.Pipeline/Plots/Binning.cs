namespace FnfDsl.Pipeline.Plots;

/// <summary>Histogram arithmetic shared by the plots: edges, counts, robust ranges.</summary>
public static class Binning
{
    /// <summary><paramref name="bins"/> + 1 equally spaced edges from <paramref name="low"/> to <paramref name="high"/>.</summary>
    public static double[] UniformEdges(double low, double high, int bins)
    {
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "need at least one bin");
        if (!(high > low)) throw new ArgumentException($"Empty range [{low}, {high}].", nameof(high));
        return Enumerable.Range(0, bins + 1).Select(i => low + (high - low) * i / bins).ToArray();
    }

    /// <summary>Edges of <paramref name="bins"/> bins holding about equal numbers of <paramref name="values"/> (outer edges at the extremes).</summary>
    public static double[] QuantileEdges(IReadOnlyList<double> values, int bins)
    {
        PlotInput.RequireNonEmpty(nameof(values), values);
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "need at least one bin");
        var sorted = values.Order().ToArray();
        var edges = Enumerable.Range(0, bins + 1).Select(i => Quantile(sorted, (double)i / bins)).ToArray();
        // The top edge is nudged up so that the largest value falls inside the last (half-open) bin.
        edges[^1] = Math.BitIncrement(edges[^1]);
        return edges;
    }

    /// <summary>Bin centres of <paramref name="edges"/>.</summary>
    public static double[] Centres(IReadOnlyList<double> edges) =>
        Enumerable.Range(0, edges.Count - 1).Select(i => 0.5 * (edges[i] + edges[i + 1])).ToArray();

    /// <summary>Counts of <paramref name="values"/> (only rows where <paramref name="include"/> is true, if given) in the half-open bins [e_i, e_i+1).</summary>
    public static double[] Counts(IReadOnlyList<double> values, IReadOnlyList<double> edges, Func<int, bool>? include = null)
    {
        var counts = new double[edges.Count - 1];
        for (int i = 0; i < values.Count; i++)
        {
            if (include is not null && !include(i)) continue;
            int bin = BinOf(values[i], edges);
            if (bin >= 0) counts[bin]++;
        }
        return counts;
    }

    /// <summary>The bin of <paramref name="value"/> in <paramref name="edges"/>, or -1 outside.</summary>
    public static int BinOf(double value, IReadOnlyList<double> edges)
    {
        if (!(value >= edges[0]) || value >= edges[^1]) return -1;
        int low = 0, high = edges.Count - 1;
        while (high - low > 1)
        {
            int mid = (low + high) / 2;
            if (value >= edges[mid]) low = mid;
            else high = mid;
        }
        return low;
    }

    /// <summary>A range holding all but the outer 0.5 % of the pooled samples on each side, so that tails do not squash the plot.</summary>
    public static (double Low, double High) RobustRange(params IReadOnlyList<double>[] samples)
    {
        var pooled = samples.SelectMany(s => s).Order().ToArray();
        PlotInput.RequireNonEmpty(nameof(samples), pooled);
        double low = Quantile(pooled, 0.005), high = Quantile(pooled, 0.995);
        if (high <= low) return (low - 0.5, high + 0.5);
        double pad = 0.02 * (high - low);
        return (low - pad, high + pad);
    }

    /// <summary>Linear-interpolation quantile <paramref name="q"/> of an ascending array.</summary>
    public static double Quantile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
