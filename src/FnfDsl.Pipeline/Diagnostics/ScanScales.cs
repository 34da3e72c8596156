using FnfDsl.Profiling;
using FnfDsl.Analysis;
using FnfDsl.Pipeline.Results;

namespace FnfDsl.Pipeline.Diagnostics;

/// <summary>The standard errors that set the scale of scan grids and of the focused amortization box.</summary>
public static class ScanScales
{
    /// <summary>Step (in prior widths) of the second differences that set the scan grids' scale.</summary>
    public const double ErrorProbeStep = 0.05;

    /// <summary>Conditional errors (others fixed) of every parameter at <paramref name="at"/>, from second differences over <see cref="ErrorProbeStep"/>.</summary>
    public static double[] Conditional(AnalysisProfiler profiler, double[] at)
    {
        ArgumentNullException.ThrowIfNull(profiler);
        return FiniteDifferences.ConditionalErrors(profiler.Objective, at, ErrorProbeStep);
    }

    /// <summary>
    /// Profiled standard errors sqrt((H^-1)_kk) of the nuisances from the curvature over half the step-1 68 % half-widths;
    /// where that Hessian is not positive definite, the conditional errors.
    /// </summary>
    public static double[] Profiled(AnalysisProfiler profiler, double[] best, FitSummary step1)
    {
        ArgumentNullException.ThrowIfNull(profiler);
        ArgumentNullException.ThrowIfNull(step1);
        int pois = profiler.Model.Spec.Pois.Length;
        var steps = step1.Nuisances.Select(n => double.IsFinite(n.OneSigma.HalfWidth) && n.OneSigma.HalfWidth > 0 ? 0.5 * n.OneSigma.HalfWidth : ErrorProbeStep);
        try
        {
            return profiler.FiniteDifferenceHessian(best, [.. Enumerable.Repeat(ErrorProbeStep, pois), .. steps]).Errors[pois..];
        }
        catch (InvalidOperationException)
        {
            return Conditional(profiler, best)[pois..];
        }
    }
}
