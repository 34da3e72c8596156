using FnfDsl.Analysis;
using FnfDsl.Profiling;

namespace FnfDsl.Pipeline.Diagnostics;

/// <summary>
/// Curvature of the NLL on the scale of its uncertainties. The rational-quadratic splines of the densities are only C1,
/// so the NLL is only piecewise twice differentiable in nu and its exact (autograd) Hessian is a local second derivative
/// that can differ from the curvature the intervals see; central differences over a step of the order of the errors
/// measure the latter (scan grids and profiled errors use them).
/// </summary>
public static class Curvature
{
    /// <summary>Per-parameter standard errors 1/sqrt(d^2 NLL / dp_k^2) from second differences of the value over +-<paramref name="step"/>, others fixed.</summary>
    public static double[] ConditionalErrors(Objective objective, double[] at, double step)
    {
        ArgumentNullException.ThrowIfNull(objective);
        double centre = Derivatives.Value(objective, at);
        return at.Select((_, k) =>
        {
            double c = (Derivatives.Value(objective, Shifted(at, k, step)) + Derivatives.Value(objective, Shifted(at, k, -step)) - 2 * centre) / (step * step);
            return c > 0 ? 1 / Math.Sqrt(c) : double.PositiveInfinity;
        }).ToArray();
    }

    /// <summary>
    /// The Hessian at <paramref name="at"/> by central differences of the autograd gradient with a step per parameter,
    /// H_ij = (g_i(p + h_j e_j) - g_i(p - h_j e_j)) / (2 h_j), symmetrised; with its inverse, eigen-modes and errors.
    /// </summary>
    public static HessianResult Hessian(AnalysisProfiler profiler, double[] at, double[] steps)
    {
        ArgumentNullException.ThrowIfNull(profiler);
        int n = at.Length;
        if (steps.Length != n) throw new ArgumentException($"Need one step per parameter ({n}), got {steps.Length}.", nameof(steps));
        var h = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            if (!(steps[j] > 0) || !double.IsFinite(steps[j])) throw new ArgumentException($"Step {j} is {steps[j]}; steps must be positive and finite.", nameof(steps));
            var up = Derivatives.ValueAndGradient(profiler.Objective, Shifted(at, j, steps[j])).Gradient;
            var down = Derivatives.ValueAndGradient(profiler.Objective, Shifted(at, j, -steps[j])).Gradient;
            for (int i = 0; i < n; i++) h[i, j] = (up[i] - down[i]) / (2 * steps[j]);
        }
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                h[i, j] = h[j, i] = 0.5 * (h[i, j] + h[j, i]);
        var covariance = LinearAlgebra.InverseSpd(h);
        return new HessianResult(profiler.Names, at, h, covariance, EigenModes.Of(h), Enumerable.Range(0, n).Select(i => Math.Sqrt(covariance[i, i])).ToArray());
    }

    private static double[] Shifted(double[] p, int k, double delta)
    {
        var q = (double[])p.Clone();
        q[k] += delta;
        return q;
    }
}
