using FnfDsl.Analysis;
using FnfDsl.Profiling;

namespace ToyFnf.Diagnostics;

/// <summary>
/// The minimiser settings of the sample's fits and profiled scans. Intervals need the NLL to about 0.01, and the
/// densities (ReLU conditioners) are only piecewise smooth, so Newton stops at a 1e-4 decrease or after a few
/// iterations instead of chasing 1e-9 across kinks.
/// </summary>
public static class Minimization
{
    /// <summary>Newton iterations per minimisation.</summary>
    public const int MaxIterations = 10;

    /// <summary>Stop when a step and the predicted decrease fall below this (NLL units).</summary>
    public const double Tolerance = 1e-4;

    /// <summary>The options for p = (POIs within their declared bounds, nuisances unbounded).</summary>
    public static MinimizeOptions For(AnalysisSpec spec, int nuisances)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new MinimizeOptions
        {
            Lower = [.. spec.Pois.Select(p => p.Min), .. Enumerable.Repeat(double.NegativeInfinity, nuisances)],
            Upper = [.. spec.Pois.Select(p => p.Max), .. Enumerable.Repeat(double.PositiveInfinity, nuisances)],
            MaxIterations = MaxIterations,
            Tolerance = Tolerance,
        };
    }

    /// <summary>The options for the parameters of <paramref name="profiler"/>.</summary>
    public static MinimizeOptions For(AnalysisProfiler profiler)
    {
        ArgumentNullException.ThrowIfNull(profiler);
        return For(profiler.Model.Spec, profiler.Model.Mixture.NuisanceCount);
    }
}
