namespace FnfDsl.Profiling;

/// <summary>
/// A global fit checked against its own scans: every scan point is a valid parameter vector, so a point whose NLL lies
/// below the fit's proves that the fit stopped short (a saddle, a shallow valley, an iteration limit). The fit then
/// restarts from the lowest such point, as one would by hand after looking at the scan.
/// </summary>
public static class ScanRefit
{
    /// <summary>The lowest point over the 1-D scans: its NLL and its full parameter vector.</summary>
    public static (double Nll, double[] Parameters) Lowest(IEnumerable<Scan1DResult> scans)
    {
        ArgumentNullException.ThrowIfNull(scans);
        (double Nll, double[] Parameters)? lowest = null;
        foreach (var scan in scans)
            for (int g = 0; g < scan.Nll.Length; g++)
                if (double.IsFinite(scan.Nll[g]) && (lowest is null || scan.Nll[g] < lowest.Value.Nll))
                    lowest = (scan.Nll[g], scan.Parameters[g]);
        return lowest ?? throw new ArgumentException("The scans hold no finite point.", nameof(scans));
    }

    /// <summary>
    /// Null when no scan point lies more than <paramref name="threshold"/> below <paramref name="fit"/>; otherwise the
    /// fit restarted from the lowest scan point (that point itself if the restart does not go lower).
    /// </summary>
    public static MinimizeResult? Refit(Objective f, MinimizeResult fit, IEnumerable<Scan1DResult> scans, MinimizeOptions options, double threshold)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (!(threshold >= 0)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold is an NLL difference >= 0.");
        var (nll, parameters) = Lowest(scans);
        if (nll >= fit.Value - threshold) return null;
        var restarted = Minimizer.Minimize(f, parameters, options);
        // A restart that ends above its own start leaves the scan point: not a minimum the minimiser found, so a stall.
        return restarted.Value <= nll ? restarted : new MinimizeResult((double[])parameters.Clone(), nll, restarted.Iterations, MinimizeExit.Stalled, double.NaN);
    }
}
