namespace FnfDsl.Profiling;

/// <summary>Result of a scalar-POI analysis: best fit, profile scan, 68 % interval and discovery significance.</summary>
public sealed record PoiResult(int Index, double BestFit, double[] BestParameters, double MinNll, Scan1DResult Scan, Interval OneSigma, double T0, double Z0);

/// <summary>Profile likelihood ratio t_mu = 2 (NLL(mu, nu_hat_hat) - NLL(mu_hat, nu_hat)) for a scalar POI (method.md section 5).</summary>
public static class ProfileLikelihood
{
    /// <summary>Fits all parameters, scans POI `index` over `grid` with the others profiled, and computes Z0 = sqrt(t_0).</summary>
    public static PoiResult Analyse(Objective f, double[] start, int index, double[] grid, MinimizeOptions? options = null)
    {
        var global = Minimizer.Minimize(f, start, options);
        var scan = Scans.Scan1D(f, global.Parameters, index, grid, profile: true, options);
        double t0 = TestStatistic(f, global, index, 0.0, options);
        // One-sided discovery: a downward fluctuation (mu_hat < 0) gives no evidence.
        double z0 = global.Parameters[index] > 0 ? Math.Sqrt(Math.Max(t0, 0)) : 0;
        return new PoiResult(index, global.Parameters[index], global.Parameters, global.Value, scan, scan.OneSigma, t0, z0);
    }

    /// <summary>t_mu for one value of the POI, given the global fit.</summary>
    public static double TestStatistic(Objective f, MinimizeResult global, int index, double mu, MinimizeOptions? options = null)
    {
        var p = (double[])global.Parameters.Clone();
        p[index] = mu;
        var fixedMask = options?.Fixed is { } f0 ? (bool[])f0.Clone() : new bool[p.Length];
        fixedMask[index] = true;
        var lower = options?.Lower is { } lo ? (double[])lo.Clone() : null;
        if (lower is not null) lower[index] = Math.Min(lower[index], mu); // the tested value may sit on a bound
        var conditional = Minimizer.Minimize(f, p, (options ?? new MinimizeOptions()) with { Fixed = fixedMask, Lower = lower });
        return 2 * (conditional.Value - global.Value);
    }
}
