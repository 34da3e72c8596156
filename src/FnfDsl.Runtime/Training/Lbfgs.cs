using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FnfDsl.Training;

/// <summary>Result of an L-BFGS run: final loss, iterations, loss evaluations, and whether the loss change fell below the tolerance.</summary>
public sealed record LbfgsResult(double Loss, int Iterations, int Evaluations, bool Converged);

/// <summary>
/// Full-batch L-BFGS (two-loop recursion, Armijo backtracking) over a list of network parameters: the deterministic
/// finish that takes a minibatch AdamW fit to the bottom of its basin, where SGD's noise leaves it some NLL units above.
/// </summary>
/// <remarks>
/// TorchSharp's native LBFGS has no line search, and a unit step on an NLL of a flow can leave its domain; here every
/// step must decrease the loss (non-finite losses count as no decrease), so the parameters end at the best point seen.
/// The iterate and the history are kept in float64 whatever the parameters' dtype.
/// </remarks>
public sealed class Lbfgs
{
    private readonly IReadOnlyList<Parameter> parameters;
    private readonly int history;

    /// <summary>An optimiser of <paramref name="parameters"/> keeping the last <paramref name="history"/> curvature pairs.</summary>
    public Lbfgs(IReadOnlyList<Parameter> parameters, int history = 10)
    {
        if (parameters.Count == 0) throw new ArgumentException("L-BFGS needs at least one parameter.", nameof(parameters));
        if (history < 1) throw new ArgumentOutOfRangeException(nameof(history), "The history must hold at least one pair.");
        this.parameters = parameters;
        this.history = history;
    }

    /// <summary>
    /// Minimises the loss that <paramref name="lossAndGradient"/> computes at the current parameters (it must also leave
    /// d loss / d parameter in each parameter's grad); stops after <paramref name="maxIterations"/> or when an iteration
    /// lowers the loss by less than <paramref name="tolerance"/>.
    /// </summary>
    public LbfgsResult Minimize(Func<double> lossAndGradient, int maxIterations, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(lossAndGradient);
        var s = new List<Tensor>();
        var y = new List<Tensor>();
        int evaluations = 0;
        (double, Tensor) Evaluate()
        {
            evaluations++;
            foreach (var p in parameters) p.grad?.zero_();
            double value = lossAndGradient();
            return (value, Flatten(p => p.grad ?? zeros_like(p)));
        }

        var x = Flatten(p => p);
        var (f, g) = Evaluate();
        if (!double.IsFinite(f)) throw new InvalidOperationException($"L-BFGS started at a non-finite loss ({f}).");
        bool converged = false;
        int it = 0;
        try
        {
            for (it = 1; it <= maxIterations; it++)
            {
                var d = Direction(g, s, y);
                double slope = g.dot(d).item<double>();
                if (!(slope < 0))
                {
                    // Not a descent direction (stale curvature): forget it and go down the gradient.
                    Clear(s); Clear(y);
                    d.Dispose();
                    d = g.neg();
                    slope = g.dot(d).item<double>();
                    if (!(slope < 0)) { converged = true; break; } // zero gradient
                }
                // Without curvature pairs, a first step of unit length in the parameters (as minFunc does).
                double step = s.Count == 0 ? Math.Min(1.0, 1.0 / g.abs().sum().item<double>()) : 1.0;
                double fNew = double.NaN;
                Tensor? gNew = null, xNew = null;
                for (int attempt = 0; attempt < 30; attempt++)
                {
                    xNew?.Dispose(); gNew?.Dispose();
                    using (var target = x.add(d, alpha: step)) Assign(target);
                    xNew = Flatten(p => p); // the values the parameters hold (rounded to their dtype), so that s and y agree
                    (fNew, gNew) = Evaluate();
                    if (double.IsFinite(fNew) && fNew <= f + 1e-4 * step * slope) break;
                    step *= 0.5;
                }
                d.Dispose();
                if (!(double.IsFinite(fNew) && fNew <= f))
                {
                    xNew?.Dispose(); gNew?.Dispose();
                    Assign(x); // no decrease along the direction: the current point is as good as the line search can tell
                    converged = true;
                    break;
                }
                var sk = xNew!.sub(x);
                var yk = gNew!.sub(g);
                if (sk.dot(yk).item<double>() > 1e-10)
                {
                    s.Add(sk); y.Add(yk);
                    if (s.Count > history) { s[0].Dispose(); y[0].Dispose(); s.RemoveAt(0); y.RemoveAt(0); }
                }
                else { sk.Dispose(); yk.Dispose(); }
                double decrease = f - fNew;
                x.Dispose(); g.Dispose();
                (x, f, g) = (xNew, fNew, gNew);
                if (decrease < tolerance) { converged = true; break; }
            }
        }
        finally
        {
            Clear(s); Clear(y);
            x.Dispose(); g.Dispose();
        }
        return new LbfgsResult(f, Math.Min(it, maxIterations), evaluations, converged);
    }

    // The two-loop recursion: d = -H g with H the L-BFGS inverse-Hessian estimate, scaled by s'y / y'y of the newest pair.
    private static Tensor Direction(Tensor g, List<Tensor> s, List<Tensor> y)
    {
        var q = g.neg();
        int m = s.Count;
        var alpha = new double[m];
        var rho = new double[m];
        for (int i = m - 1; i >= 0; i--)
        {
            rho[i] = 1.0 / y[i].dot(s[i]).item<double>();
            alpha[i] = rho[i] * s[i].dot(q).item<double>();
            q.add_(y[i], alpha: -alpha[i]);
        }
        if (m > 0) q.mul_(s[m - 1].dot(y[m - 1]).item<double>() / y[m - 1].dot(y[m - 1]).item<double>());
        for (int i = 0; i < m; i++)
        {
            double beta = rho[i] * y[i].dot(q).item<double>();
            q.add_(s[i], alpha: alpha[i] - beta);
        }
        return q;
    }

    private Tensor Flatten(Func<Parameter, Tensor> pick)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        // clone: with one float64 parameter, reshape, to_type and a one-element cat can all return the parameter's own storage.
        return cat(parameters.Select(p => pick(p).detach().reshape(-1).to_type(ScalarType.Float64)).ToList(), 0).clone().MoveToOuterDisposeScope();
    }

    private void Assign(Tensor flat)
    {
        using var _ = no_grad();
        long offset = 0;
        foreach (var p in parameters)
        {
            long n = p.numel();
            using var slice = flat.narrow(0, offset, n);
            using var cast = slice.reshape(p.shape).to_type(p.dtype);
            p.copy_(cast);
            offset += n;
        }
    }

    private static void Clear(List<Tensor> list)
    {
        foreach (var t in list) t.Dispose();
        list.Clear();
    }
}
