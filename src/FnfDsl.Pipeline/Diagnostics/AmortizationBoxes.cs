using FnfDsl.Doi;
using FnfDsl.Pipeline.Results;
using FnfDsl.Profiling;

namespace FnfDsl.Pipeline.Diagnostics;

/// <summary>
/// Where the amortized residual R is trained (method.md section 4): a wide box holding the step-1 95 % intervals and,
/// around nu_hat, the prior's 95 % range; then a focused box of <see cref="FocusReach"/> profiled errors around the first
/// amortized minimum, where step 2 fits and scans.
/// </summary>
public static class AmortizationBoxes
{
    /// <summary>An open end of a step-1 interval is closed this far from nu_hat (in prior widths).</summary>
    public const double OpenEndClamp = 3.0;

    /// <summary>The box reaches at least this far on each side of nu_hat (in prior widths): the prior's 95 % range.</summary>
    public const double PriorReach = 2.0;

    /// <summary>Half-width of the focused box, in profiled standard errors at the first amortized minimum: the scans reach 3.</summary>
    public const double FocusReach = 4.0;

    /// <summary>
    /// The wide box: each step-1 95 % interval (an open end closed at nu_hat +- <see cref="OpenEndClamp"/>), widened to
    /// nu_hat +- <see cref="PriorReach"/> where it is narrower.
    /// </summary>
    public static NuBox Wide(FitSummary step1, double[] nuHat)
    {
        ArgumentNullException.ThrowIfNull(step1);
        ArgumentNullException.ThrowIfNull(nuHat);
        if (step1.Nuisances.Count != nuHat.Length)
            throw new InvalidDataException($"The step-1 results list {step1.Nuisances.Count} nuisances but the model has {nuHat.Length}.");
        return NuBox.FromIntervals(step1.Nuisances.Select((n, k) => Side(n.NinetyFive, nuHat[k])).ToList());
    }

    private static (double Low, double High) Side(Interval interval, double centre) =>
        (Math.Min(double.IsFinite(interval.Low) ? interval.Low : centre - OpenEndClamp, centre - PriorReach),
         Math.Max(double.IsFinite(interval.High) ? interval.High : centre + OpenEndClamp, centre + PriorReach));
}
