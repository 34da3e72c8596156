using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Profiling;

/// <summary>Value, gradient and Hessian of an <see cref="Objective"/> by autograd, and finite-difference checks.</summary>
public static class Derivatives
{
    /// <summary>f(p) as a double.</summary>
    public static double Value(Objective f, double[] p)
    {
        using var _ = no_grad();
        double sum = 0;
        for (int part = 0; part < f.Parts; part++)
        {
            using var scope = NewDisposeScope();
            using var x = tensor(p, dtype: ScalarType.Float64);
            sum += ToScalar(f.Evaluate(part, x));
        }
        return sum;
    }

    /// <summary>f(p) and its gradient.</summary>
    public static (double Value, double[] Gradient) ValueAndGradient(Objective f, double[] p)
    {
        Validate(p);
        double value = 0;
        var grad = new double[p.Length];
        for (int part = 0; part < f.Parts; part++)
        {
            using var scope = NewDisposeScope();
            using var x = tensor(p, dtype: ScalarType.Float64).requires_grad_(true);
            var y = f.Evaluate(part, x);
            CheckScalar(y);
            var g = torch.autograd.grad(new[] { y }, new[] { x })[0].data<double>().ToArray();
            value += ToScalar(y);
            for (int i = 0; i < p.Length; i++) grad[i] += g[i];
        }
        return (value, grad);
    }

    /// <summary>f(p), gradient and Hessian; the Hessian is built row by row from a create_graph gradient.</summary>
    public static (double Value, double[] Gradient, double[,] Hessian) ValueGradientHessian(Objective f, double[] p) =>
        ValueGradientHessian(f, p, null);

    /// <summary>
    /// f(p), gradient and the Hessian rows (and, by symmetry, columns) of the parameters in <paramref name="rows"/> only;
    /// the other entries are zero. Each row costs one backward pass, so a profile over few free parameters is cheap.
    /// </summary>
    public static (double Value, double[] Gradient, double[,] Hessian) ValueGradientHessian(Objective f, double[] p, int[]? rows)
    {
        Validate(p);
        int k = p.Length;
        double value = 0;
        var grad = new double[k];
        var h = new double[k, k];
        for (int part = 0; part < f.Parts; part++)
        {
            using var scope = NewDisposeScope();
            using var x = tensor(p, dtype: ScalarType.Float64).requires_grad_(true);
            var y = f.Evaluate(part, x);
            CheckScalar(y);
            // create_graph does not imply retain_graph in TorchSharp: keep the graph for every row.
            var g = torch.autograd.grad(new[] { y }, new[] { x }, retain_graph: true, create_graph: true)[0];
            value += ToScalar(y);
            var gd = g.detach().data<double>().ToArray();
            for (int i = 0; i < k; i++) grad[i] += gd[i];
            if (!g.requires_grad) continue; // f is linear in p: no curvature from this part
            foreach (int i in rows ?? Enumerable.Range(0, k))
            {
                var row = torch.autograd.grad(new[] { g[i] }, new[] { x }, retain_graph: true, allow_unused: true)[0];
                if (row is null || row.IsInvalid) continue;
                var r = row.data<double>().ToArray();
                for (int j = 0; j < k; j++) h[i, j] += r[j];
            }
        }
        if (rows is not null) return (value, grad, RestrictTo(h, rows));
        Symmetrize(h);
        return (value, grad, h);
    }

    /// <summary>
    /// Hessian by central finite differences of the autograd gradient with one step for every parameter (for checks): each
    /// column is the median of three windows, as in <see cref="FiniteDifferences.Hessian"/>, which has a step per parameter.
    /// </summary>
    public static double[,] FiniteDifferenceHessian(Objective f, double[] p, double step = 1e-4) =>
        FiniteDifferences.Hessian(f, p, Enumerable.Repeat(step, p.Length).ToArray(), medianOfThreeWindows: true);

    /// <summary>max_ij |A_ij - B_ij| / sqrt(|A_ii A_jj|): the difference of two Hessians on the scale of the first's diagonal.</summary>
    public static double MaxRelativeDifference(double[,] a, double[,] b)
    {
        double worst = 0;
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                worst = Math.Max(worst, Math.Abs(a[i, j] - b[i, j]) / Math.Sqrt(Math.Abs(a[i, i] * a[j, j])));
        return worst;
    }

    // Keeps the block rows x rows, symmetrised; everything outside it is zero.
    private static double[,] RestrictTo(double[,] h, int[] rows)
    {
        var r = new double[h.GetLength(0), h.GetLength(1)];
        foreach (int i in rows)
            foreach (int j in rows)
                r[i, j] = 0.5 * (h[i, j] + h[j, i]);
        return r;
    }

    private static void Symmetrize(double[,] h)
    {
        int k = h.GetLength(0);
        for (int i = 0; i < k; i++)
            for (int j = i + 1; j < k; j++)
                h[i, j] = h[j, i] = 0.5 * (h[i, j] + h[j, i]);
    }

    private static double ToScalar(Tensor y) => y.to_type(ScalarType.Float64).item<double>();

    private static void Validate(double[] p)
    {
        if (p.Length == 0) throw new ArgumentException("The parameter vector is empty.", nameof(p));
        for (int i = 0; i < p.Length; i++)
            if (!double.IsFinite(p[i])) throw new ArgumentException($"Parameter {i} is {p[i]}, not finite.", nameof(p));
    }

    // autograd.grad on a non-scalar or graph-less output aborts the process: refuse it here.
    private static void CheckScalar(Tensor y)
    {
        if (y.numel() != 1) throw new InvalidOperationException($"The objective returned {y.numel()} values; it must return one scalar.");
        if (!y.requires_grad) throw new InvalidOperationException("The objective's value does not depend on the parameters through autograd.");
    }
}
