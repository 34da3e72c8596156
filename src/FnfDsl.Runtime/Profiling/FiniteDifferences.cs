namespace FnfDsl.Profiling;

/// <summary>
/// Curvature of an objective by finite differences: the Hessian from central differences of the autograd gradient, and
/// conditional errors from second differences of the value. Over a step of the order of the errors they measure the
/// curvature the intervals see, where the exact Hessian of a C1 (spline) density is only a local second derivative.
/// </summary>
public static class FiniteDifferences
{
    /// <summary>
    /// The Hessian at <paramref name="at"/> with a step h_j per parameter: column j is (g(p + h_j e_j) - g(p - h_j e_j)) / (2 h_j),
    /// g the autograd gradient, and the result is symmetrised. With <paramref name="medianOfThreeWindows"/>, each column is the
    /// element-wise median of three such differences over disjoint windows, centred on p and on p +- 3 h_j e_j.
    /// </summary>
    /// <remarks>
    /// Spline flows are C1, not C2: when an event crosses a spline knot or tail bound inside a window, the gradient jumps
    /// and that window's difference is off by jump / 2h, hundreds of times the curvature. A crossing in two of three
    /// disjoint windows is rare when h is small (1e-6 in float64), so their median is the smooth part.
    /// </remarks>
    public static double[,] Hessian(Objective f, double[] at, double[] steps, bool medianOfThreeWindows = false)
    {
        ArgumentNullException.ThrowIfNull(f);
        int k = at.Length;
        if (steps.Length != k) throw new ArgumentException($"Need one step per parameter ({k}), got {steps.Length}.", nameof(steps));
        var h = new double[k, k];
        for (int j = 0; j < k; j++)
        {
            double step = CheckStep(steps[j], j);
            double[] Column(double offset)
            {
                double centre = at[j] + offset;
                var up = Derivatives.ValueAndGradient(f, With(at, j, centre + step)).Gradient;
                var down = Derivatives.ValueAndGradient(f, With(at, j, centre - step)).Gradient;
                return up.Zip(down, (u, d) => (u - d) / (2 * step)).ToArray();
            }
            if (medianOfThreeWindows)
            {
                double[] below = Column(-3 * step), middle = Column(0), above = Column(3 * step);
                for (int i = 0; i < k; i++) h[i, j] = Median(below[i], middle[i], above[i]);
            }
            else
            {
                var column = Column(0);
                for (int i = 0; i < k; i++) h[i, j] = column[i];
            }
        }
        for (int i = 0; i < k; i++)
            for (int j = i + 1; j < k; j++)
                h[i, j] = h[j, i] = 0.5 * (h[i, j] + h[j, i]);
        return h;
    }

    /// <summary>
    /// Per-parameter standard errors 1/sqrt(d^2 f / dp_k^2), the others fixed, from second differences of the value over
    /// +-<paramref name="step"/>: (f(p + h e_k) + f(p - h e_k) - 2 f(p)) / h^2; infinite where that curvature is not positive.
    /// </summary>
    public static double[] ConditionalErrors(Objective f, double[] at, double step)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckStep(step, 0);
        double centre = Derivatives.Value(f, at);
        return at.Select((_, k) =>
        {
            double c = (Derivatives.Value(f, Shifted(at, k, step)) + Derivatives.Value(f, Shifted(at, k, -step)) - 2 * centre) / (step * step);
            return c > 0 ? 1 / Math.Sqrt(c) : double.PositiveInfinity;
        }).ToArray();
    }

    private static double Median(double a, double b, double c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));

    private static double CheckStep(double step, int index) =>
        step > 0 && double.IsFinite(step) ? step : throw new ArgumentException($"Step {index} is {step}; steps must be positive and finite.", "steps");

    private static double[] Shifted(double[] p, int k, double delta) => With(p, k, p[k] + delta);

    private static double[] With(double[] p, int k, double value)
    {
        var q = (double[])p.Clone();
        q[k] = value;
        return q;
    }
}
