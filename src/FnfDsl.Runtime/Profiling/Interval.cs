namespace FnfDsl.Profiling;

/// <summary>A confidence interval [Low, High]; an end is infinite when the scan never crossed the threshold on that side.</summary>
public readonly record struct Interval(double Low, double High)
{
    /// <summary>2 Delta NLL threshold of a 68.3 % interval for one parameter.</summary>
    public const double OneSigma = 1.0;

    /// <summary>2 Delta NLL threshold of a 95 % interval for one parameter.</summary>
    public const double NinetyFive = 3.841458820694124;

    /// <summary>Half-width, a symmetric summary of the interval.</summary>
    public double HalfWidth => 0.5 * (High - Low);

    /// <summary>Whether v lies inside.</summary>
    public bool Contains(double v) => v >= Low && v <= High;

    /// <summary>
    /// Interval where 2 (NLL - min NLL) &lt;= threshold, from a scan on an ascending grid, by linear
    /// interpolation of the crossings on each side of the scan's minimum.
    /// </summary>
    public static Interval FromScan(IReadOnlyList<double> grid, IReadOnlyList<double> nll, double threshold)
    {
        if (grid.Count != nll.Count || grid.Count < 2) throw new ArgumentException("A scan needs at least two points and one NLL per grid point.");
        int best = 0;
        for (int i = 1; i < nll.Count; i++) if (nll[i] < nll[best]) best = i;
        double min = nll[best];
        double T(int i) => 2 * (nll[i] - min);

        double low = double.NegativeInfinity;
        for (int i = best; i > 0; i--)
            if (T(i - 1) > threshold) { low = Cross(grid[i - 1], T(i - 1), grid[i], T(i), threshold); break; }
        double high = double.PositiveInfinity;
        for (int i = best; i < nll.Count - 1; i++)
            if (T(i + 1) > threshold) { high = Cross(grid[i], T(i), grid[i + 1], T(i + 1), threshold); break; }
        return new Interval(low, high);
    }

    private static double Cross(double x0, double t0, double x1, double t1, double level)
        => t1 == t0 ? 0.5 * (x0 + x1) : x0 + (level - t0) * (x1 - x0) / (t1 - t0);
}
