namespace FnfDsl.Profiling;

/// <summary>A 1-D scan: NLL on a grid of one parameter (others fixed or profiled) with its intervals.</summary>
public sealed record Scan1DResult(int Index, double[] Grid, double[] Nll, double[][] Parameters, Interval OneSigma, Interval NinetyFive)
{
    /// <summary>2 (NLL - min NLL) at each grid point.</summary>
    public double[] TwoDeltaNll => Nll.Select(v => 2 * (v - Nll.Min())).ToArray();

    /// <summary>Grid point with the lowest NLL.</summary>
    public double Minimum => Grid[Array.IndexOf(Nll, Nll.Min())];
}

/// <summary>A 2-D scan: NLL on a grid of two parameters, Nll[a, b] at (GridI[a], GridJ[b]).</summary>
public sealed record Scan2DResult(int IndexI, int IndexJ, double[] GridI, double[] GridJ, double[,] Nll)
{
    /// <summary>2 (NLL - min NLL) on the grid.</summary>
    public double[,] TwoDeltaNll
    {
        get
        {
            double min = Nll.Cast<double>().Min();
            var t = new double[GridI.Length, GridJ.Length];
            for (int a = 0; a < GridI.Length; a++)
                for (int b = 0; b < GridJ.Length; b++)
                    t[a, b] = 2 * (Nll[a, b] - min);
            return t;
        }
    }
}

/// <summary>Likelihood scans over an <see cref="Objective"/> (method.md section 4): fixed or profiled.</summary>
public static class Scans
{
    /// <summary>Evenly spaced grid of n points on [low, high].</summary>
    public static double[] Grid(double low, double high, int n)
    {
        if (n < 2) throw new ArgumentException("A grid needs at least two points.", nameof(n));
        return Enumerable.Range(0, n).Select(i => low + (high - low) * i / (n - 1)).ToArray();
    }

    /// <summary>
    /// Scans parameter `index` over `grid`. With profile=false the others stay at `best`; with
    /// profile=true they are minimised at every point, starting from the previous point's optimum.
    /// </summary>
    public static Scan1DResult Scan1D(Objective f, double[] best, int index, double[] grid, bool profile, MinimizeOptions? options = null)
    {
        CheckIndex(best, index);
        var nll = new double[grid.Length];
        var pars = new double[grid.Length][];
        // Walk outwards from the grid point nearest the best fit, so each warm start is close.
        int start = Nearest(grid, best[index]);
        foreach (var order in new[] { Enumerable.Range(start, grid.Length - start), Enumerable.Range(0, start).Reverse() })
        {
            var warm = (double[])best.Clone();
            foreach (int g in order)
            {
                var p = (double[])warm.Clone();
                p[index] = grid[g];
                if (profile)
                {
                    Predict(options, warm, p, index);
                    var r = Minimizer.Minimize(f, p, FixOnly(options, best.Length, index));
                    p = r.Parameters; nll[g] = r.Value;
                }
                else nll[g] = Derivatives.Value(f, p);
                pars[g] = p; warm = p;
            }
        }
        return new Scan1DResult(index, grid, nll, pars,
            Interval.FromScan(grid, nll, Interval.OneSigma), Interval.FromScan(grid, nll, Interval.NinetyFive));
    }

    /// <summary>Scans the pair (i, j) over gridI x gridJ, the others fixed at `best` or profiled.</summary>
    public static Scan2DResult Scan2D(Objective f, double[] best, int i, int j, double[] gridI, double[] gridJ, bool profile, MinimizeOptions? options = null)
    {
        CheckIndex(best, i); CheckIndex(best, j);
        if (i == j) throw new ArgumentException("A 2-D scan needs two different parameters.");
        var nll = new double[gridI.Length, gridJ.Length];
        var rowStart = (double[])best.Clone();
        for (int a = 0; a < gridI.Length; a++)
        {
            // Each row starts from the previous row's first optimum, the nearest point already profiled.
            var warm = (double[])rowStart.Clone();
            for (int b = 0; b < gridJ.Length; b++)
            {
                var p = (double[])warm.Clone();
                p[i] = gridI[a]; p[j] = gridJ[b];
                if (profile)
                {
                    Predict(options, warm, p, i, j);
                    var r = Minimizer.Minimize(f, p, FixOnly(options, best.Length, i, j));
                    p = r.Parameters; nll[a, b] = r.Value;
                }
                else nll[a, b] = Derivatives.Value(f, p);
                warm = p;
                if (b == 0) rowStart = p;
            }
        }
        return new Scan2DResult(i, j, gridI, gridJ, nll);
    }

    /// <summary>
    /// Moves the profiled parameters of <paramref name="p"/> to where the quadratic model of the fixed curvature puts the
    /// conditional minimum: p_f = warm_f - H_ff^-1 H_fs (p_s - warm_s), s the scanned parameters. Without a fixed curvature,
    /// or where a bound or fixed parameter is involved, p is left at the warm start.
    /// </summary>
    internal static void Predict(MinimizeOptions? options, double[] warm, double[] p, params int[] scanned)
    {
        if (options?.FixedHessian is not { } h) return;
        int k = p.Length;
        var free = Enumerable.Range(0, k).Where(q => !scanned.Contains(q) && (options.Fixed is null || !options.Fixed[q])).ToArray();
        if (free.Length == 0) return;
        var hff = new double[free.Length, free.Length];
        var rhs = new double[free.Length];
        for (int a = 0; a < free.Length; a++)
        {
            for (int b = 0; b < free.Length; b++) hff[a, b] = h[free[a], free[b]];
            foreach (int s in scanned) rhs[a] += h[free[a], s] * (p[s] - warm[s]);
        }
        var shift = LinearAlgebra.SolveDamped(hff, rhs, 1e-12);
        var predicted = (double[])p.Clone();
        for (int a = 0; a < free.Length; a++) predicted[free[a]] -= shift[a];
        for (int q = 0; q < k; q++)
        {
            if (!double.IsFinite(predicted[q])) return;
            if (options.Lower is not null && predicted[q] < options.Lower[q]) return;
            if (options.Upper is not null && predicted[q] > options.Upper[q]) return;
        }
        Array.Copy(predicted, p, k);
    }

    private static MinimizeOptions FixOnly(MinimizeOptions? o, int k, params int[] scanned)
    {
        var fixedMask = o?.Fixed is { } f0 ? (bool[])f0.Clone() : new bool[k];
        foreach (int s in scanned) fixedMask[s] = true;
        return (o ?? new MinimizeOptions()) with { Fixed = fixedMask };
    }

    private static int Nearest(double[] grid, double v)
    {
        int best = 0;
        for (int g = 1; g < grid.Length; g++) if (Math.Abs(grid[g] - v) < Math.Abs(grid[best] - v)) best = g;
        return best;
    }

    private static void CheckIndex(double[] best, int index)
    {
        if (index < 0 || index >= best.Length) throw new ArgumentOutOfRangeException(nameof(index), $"Parameter index {index} is outside 0..{best.Length - 1}.");
    }
}
