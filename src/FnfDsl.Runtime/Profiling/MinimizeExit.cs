namespace FnfDsl.Profiling;

/// <summary>Why <see cref="Minimizer"/> stopped.</summary>
public enum MinimizeExit
{
    /// <summary>The Newton decrement (and the last decrease) fell below the tolerance: a minimum.</summary>
    Converged,

    /// <summary>No damped Newton step lowered the value any more, with the decrement still above the tolerance (rounding, a kink, a bound).</summary>
    Stalled,

    /// <summary>The iteration limit was reached first.</summary>
    IterationLimit,
}
