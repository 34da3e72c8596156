namespace FnfDsl.Profiling;

/// <summary>Result of a minimisation: best parameters, objective value, iterations, and why it stopped.</summary>
/// <param name="Parameters">The end point.</param>
/// <param name="Value">The objective there.</param>
/// <param name="Iterations">Newton iterations run.</param>
/// <param name="Exit">Why the minimiser stopped.</param>
/// <param name="Decrement">The Newton decrement g^T H^-1 g / 2 at the end point: the decrease a full Newton step would still bring (NaN if unknown).</param>
public sealed record MinimizeResult(double[] Parameters, double Value, int Iterations, MinimizeExit Exit, double Decrement)
{
    /// <summary>A result known only as converged or not (e.g. another optimiser's end point): not converged reads as its iteration limit.</summary>
    public MinimizeResult(double[] parameters, double value, int iterations, bool converged)
        : this(parameters, value, iterations, converged ? MinimizeExit.Converged : MinimizeExit.IterationLimit, double.NaN) { }

    /// <summary>True only if the Newton decrement fell below the tolerance (<see cref="MinimizeExit.Converged"/>).</summary>
    public bool Converged => Exit == MinimizeExit.Converged;
}

/// <summary>Options of <see cref="Minimizer"/>: which parameters are fixed, bounds, tolerances.</summary>
public sealed record MinimizeOptions
{
    /// <summary>Parameters held at their start value (profiling fixes the scanned ones).</summary>
    public bool[]? Fixed { get; init; }

    /// <summary>Lower bounds (null: unbounded).</summary>
    public double[]? Lower { get; init; }

    /// <summary>Upper bounds (null: unbounded).</summary>
    public double[]? Upper { get; init; }

    /// <summary>Maximum Newton iterations.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Stop when the predicted decrease g^T H^-1 g / 2 falls below this (NLL units).</summary>
    public double Tolerance { get; init; } = 1e-9;

    /// <summary>
    /// A curvature to use at every iteration instead of the exact Hessian (e.g. the Hessian at the global minimum, for the
    /// points of a profiled scan): an iteration then costs one gradient pass instead of one per parameter. Null: exact.
    /// </summary>
    public double[,]? FixedHessian { get; init; }
}

/// <summary>
/// Damped Newton (Levenberg-Marquardt) minimiser for the small parameter vectors of a likelihood fit
/// (nuisances, POIs). The Hessian is exact (autograd), so it converges in a few iterations on the
/// nearly quadratic NLLs met in profiling, and it also returns what the error analysis needs.
/// </summary>
public static class Minimizer
{
    /// <summary>Minimise f from start.</summary>
    public static MinimizeResult Minimize(Objective f, double[] start, MinimizeOptions? options = null)
    {
        options ??= new MinimizeOptions();
        int k = start.Length;
        var free = Enumerable.Range(0, k).Where(i => options.Fixed is null || !options.Fixed[i]).ToArray();
        var p = Clamp((double[])start.Clone(), options);
        if (free.Length == 0) return new MinimizeResult(p, Derivatives.Value(f, p), 0, MinimizeExit.Converged, 0);

        if (options.FixedHessian is { } fixedH && (fixedH.GetLength(0) != k || fixedH.GetLength(1) != k))
            throw new ArgumentException($"FixedHessian is {fixedH.GetLength(0)} x {fixedH.GetLength(1)} for {k} parameters.", nameof(options));
        (double Value, double[] Gradient, double[,] Hessian) Evaluate(double[] at)
        {
            if (options.FixedHessian is null) return Derivatives.ValueGradientHessian(f, at, free.Length < k ? free : null);
            var (v, g) = Derivatives.ValueAndGradient(f, at);
            return (v, g, options.FixedHessian);
        }

        double lambda = 1e-6;
        var (value, grad, hess) = Evaluate(p);
        // Boyd's stopping rule: a start where a full Newton step would gain less than the tolerance is already the minimum
        // (the warm, predicted starts of a profiled scan often are).
        double decrement = NewtonDecrement(hess, grad, free);
        if (decrement < options.Tolerance) return new MinimizeResult(p, value, 0, MinimizeExit.Converged, decrement);
        for (int it = 1; it <= options.MaxIterations; it++)
        {
            var g = free.Select(i => grad[i]).ToArray();
            var h = new double[free.Length, free.Length];
            for (int a = 0; a < free.Length; a++)
                for (int b = 0; b < free.Length; b++)
                    h[a, b] = hess[free[a], free[b]];

            bool improved = false;
            for (int attempt = 0; attempt < 30 && !improved; attempt++)
            {
                var step = LinearAlgebra.SolveDamped(h, g, lambda);
                var trial = (double[])p.Clone();
                for (int a = 0; a < free.Length; a++) trial[free[a]] -= step[a];
                Clamp(trial, options);
                // With a fixed curvature a trial is evaluated with its gradient in one pass, since most trials are accepted;
                // with the exact Hessian (one backward pass per row) only accepted trials pay for derivatives.
                (double Value, double[] Gradient, double[,] Hessian)? trialEval = options.FixedHessian is null ? null : Evaluate(trial);
                double trialValue = trialEval?.Value ?? Derivatives.Value(f, trial);
                if (double.IsFinite(trialValue) && trialValue <= value)
                {
                    double decrease = value - trialValue;
                    p = trial;
                    (value, grad, hess) = trialEval ?? Evaluate(p);
                    lambda = Math.Max(lambda / 10, 1e-12);
                    improved = true;
                    decrement = NewtonDecrement(hess, grad, free);
                    if (decrease < options.Tolerance && decrement < options.Tolerance)
                        return new MinimizeResult(p, value, it, MinimizeExit.Converged, decrement);
                }
                else lambda = Math.Max(lambda * 10, 1e-8);
            }
            // No damped step lowers the value: a stall, however small the decrement; the caller judges whether it is close enough.
            if (!improved) return new MinimizeResult(p, value, it, decrement < options.Tolerance ? MinimizeExit.Converged : MinimizeExit.Stalled, decrement);
        }
        return new MinimizeResult(p, value, options.MaxIterations, MinimizeExit.IterationLimit, decrement);
    }

    // g^T H^-1 g / 2: the decrease a full Newton step would still bring.
    private static double NewtonDecrement(double[,] hess, double[] grad, int[] free)
    {
        var g = free.Select(i => grad[i]).ToArray();
        var h = new double[free.Length, free.Length];
        for (int a = 0; a < free.Length; a++)
            for (int b = 0; b < free.Length; b++)
                h[a, b] = hess[free[a], free[b]];
        var step = LinearAlgebra.SolveDamped(h, g, 1e-12);
        double d = 0;
        for (int a = 0; a < g.Length; a++) d += g[a] * step[a];
        return Math.Abs(d) / 2;
    }

    private static double[] Clamp(double[] p, MinimizeOptions o)
    {
        for (int i = 0; i < p.Length; i++)
        {
            if (o.Lower is not null) p[i] = Math.Max(p[i], o.Lower[i]);
            if (o.Upper is not null) p[i] = Math.Min(p[i], o.Upper[i]);
        }
        return p;
    }
}
