using FnfDsl.Analysis;
using FnfDsl.Doi;
using FnfDsl.Profiling;

namespace FnfDsl.Pipeline.Diagnostics;

/// <summary>
/// The minimiser settings of the sample's fits and profiled scans. Intervals need the NLL to about 0.01, and the
/// densities (C1 rational-quadratic splines) are only piecewise twice differentiable, so Newton stops at a 1e-3 decrease
/// instead of chasing 1e-9 across knots. Global fits get enough iterations (each costs an exact Hessian) to leave a
/// saddle of the amortized profile; each scan point starts next to its neighbour's minimum and gets a few cheap
/// iterations with the best fit's curvature.
/// </summary>
public static class Minimization
{
    /// <summary>Newton iterations of a global fit.</summary>
    public const int MaxIterations = 25;

    /// <summary>Iterations at each point of a profiled scan (each one gradient pass: the curvature is the best fit's).</summary>
    public const int ScanIterations = 8;

    /// <summary>A scan point this far (NLL units) below the fit restarts the fit: well under the 0.5 of a 68 % interval.</summary>
    public const double RefitThreshold = 0.02;

    /// <summary>Restarts of a fit from its scans before the scans are taken as they are.</summary>
    public const int MaxRefits = 3;

    /// <summary>Stop when a step and the predicted decrease fall below this (NLL units).</summary>
    public const double Tolerance = 1e-3;

    /// <summary>The options for p = (POIs within their declared bounds, nuisances within <paramref name="box"/> or unbounded).</summary>
    public static MinimizeOptions For(AnalysisSpec spec, int nuisances, NuBox? box = null, int maxIterations = MaxIterations)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (box is not null && box.Dim != nuisances) throw new ArgumentException($"The box has {box.Dim} sides for {nuisances} nuisances.", nameof(box));
        return new MinimizeOptions
        {
            Lower = [.. spec.Pois.Select(PoiLower), .. box?.Low ?? Enumerable.Repeat(double.NegativeInfinity, nuisances)],
            Upper = [.. spec.Pois.Select(p => p.Max), .. box?.High ?? Enumerable.Repeat(double.PositiveInfinity, nuisances)],
            MaxIterations = maxIterations,
            Tolerance = Tolerance,
        };
    }

    /// <summary>
    /// The lower bound of a POI in fits and scans: its declared Min, but not below 0 when it scales yields (a flavour's
    /// expected yield must stay non-negative: the mixture likelihood refuses a negative one).
    /// </summary>
    public static double PoiLower(PoiSpec poi)
    {
        ArgumentNullException.ThrowIfNull(poi);
        return poi.Scales.Length > 0 ? Math.Max(poi.Min, 0) : poi.Min;
    }

    /// <summary>The options for the parameters of <paramref name="profiler"/>, the nuisances within <paramref name="box"/> if given.</summary>
    public static MinimizeOptions For(AnalysisProfiler profiler, NuBox? box = null, int maxIterations = MaxIterations)
    {
        ArgumentNullException.ThrowIfNull(profiler);
        return For(profiler.Model.Spec, profiler.Model.Mixture.NuisanceCount, box, maxIterations);
    }
}
