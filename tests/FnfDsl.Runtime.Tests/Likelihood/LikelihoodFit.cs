using FnfDsl.Likelihood;
using FnfDsl.Profiling;

namespace FnfDsl.Tests.Likelihood;

/// Test helper: fits chosen (theta, nu) entries with the profiling minimiser and takes their errors
/// from the inverse of the exact Hessian over the free parameters that are not on a bound.
public static class LikelihoodFit
{
    public sealed record Result(double[] Theta, double[] Nu, double Nll, double[,] Hessian, double[] Errors);

    public static Result Minimize(MixtureLikelihood likelihood, EventData data, double[] theta, double[] nu,
                                  int[] free, double[]? lower = null)
    {
        int p = theta.Length, size = theta.Length + nu.Length;
        var objective = likelihood.AsObjective(data);
        var fixedMask = Enumerable.Range(0, size).Select(i => !free.Contains(i)).ToArray();
        var fit = Minimizer.Minimize(objective, [.. theta, .. nu], new MinimizeOptions { Fixed = fixedMask, Lower = lower });
        // The minimiser does not report convergence with a parameter on its bound: fix those and refit the rest.
        if (lower is not null && free.Any(i => fit.Parameters[i] <= lower[i]))
        {
            var active = Enumerable.Range(0, size).Select(i => fixedMask[i] || fit.Parameters[i] <= lower[i]).ToArray();
            fit = Minimizer.Minimize(objective, fit.Parameters, new MinimizeOptions { Fixed = active, Lower = lower });
        }
        Assert.True(fit.Converged, "the fit did not converge");
        var (_, gradient, hessian) = Derivatives.ValueGradientHessian(objective, fit.Parameters);
        int[] inside = free.Where(i => lower is null || fit.Parameters[i] > lower[i]).ToArray();
        // A parameter left on its bound must be pushed into it (Karush-Kuhn-Tucker).
        foreach (int i in free.Except(inside))
            Assert.True(gradient[i] >= -1e-6, $"parameter {i} sits on its bound but the NLL still decreases inwards ({gradient[i]})");
        var block = new double[inside.Length, inside.Length];
        for (int a = 0; a < inside.Length; a++)
            for (int b = 0; b < inside.Length; b++)
                block[a, b] = hessian[inside[a], inside[b]];
        var covariance = LinearAlgebra.InverseSpd(block);
        var errors = new double[size];
        for (int a = 0; a < inside.Length; a++) errors[inside[a]] = Math.Sqrt(covariance[a, a]);
        foreach (int i in inside)
            Assert.True(Math.Abs(gradient[i]) * errors[i] < 1e-3, $"parameter {i} is not at a minimum: gradient {gradient[i]}, error {errors[i]}");
        return new Result(fit.Parameters[..p], fit.Parameters[p..], fit.Value, hessian, errors);
    }
}
