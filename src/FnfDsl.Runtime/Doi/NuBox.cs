using static TorchSharp.torch;

namespace FnfDsl.Doi;

/// <summary>
/// The box of nuisance values the amortized DoI is trained on (method.md section 4, step 2): by default
/// the step-1 95 % intervals around nu_hat. Each training event gets its own nu drawn inside it.
/// </summary>
public sealed record NuBox(double[] Low, double[] High)
{
    /// <summary>Number of nuisances K.</summary>
    public int Dim => Low.Length;

    /// <summary>Builds a box from per-nuisance intervals, validating that every side is finite and ordered.</summary>
    public static NuBox FromIntervals(IReadOnlyList<(double Low, double High)> intervals) =>
        FromBounds(intervals.Select(i => i.Low).ToArray(), intervals.Select(i => i.High).ToArray());

    /// <summary>Builds a box from its lower and upper corners, validating that every side is finite and ordered.</summary>
    public static NuBox FromBounds(double[] low, double[] high)
    {
        if (low.Length != high.Length) throw new ArgumentException($"The box has {low.Length} lower and {high.Length} upper bounds.");
        for (int k = 0; k < low.Length; k++)
            if (!double.IsFinite(low[k]) || !double.IsFinite(high[k]) || !(high[k] > low[k]))
                throw new ArgumentException($"Nuisance {k}: the box side [{low[k]}, {high[k]}] is not a finite, non-empty interval.");
        return new NuBox(low, high);
    }

    /// <summary>
    /// The box centre +- halfWidths, cut to <paramref name="within"/>: a focused box for a second pass of amortized training,
    /// where the profile is evaluated. A half-width that is not finite and positive keeps <paramref name="within"/>'s side.
    /// </summary>
    public static NuBox Around(double[] centre, double[] halfWidths, NuBox within)
    {
        ArgumentNullException.ThrowIfNull(centre);
        ArgumentNullException.ThrowIfNull(halfWidths);
        ArgumentNullException.ThrowIfNull(within);
        if (centre.Length != within.Dim || halfWidths.Length != within.Dim)
            throw new ArgumentException($"The box has {within.Dim} sides but {centre.Length} centres and {halfWidths.Length} half-widths were given.");
        var low = new double[within.Dim];
        var high = new double[within.Dim];
        for (int k = 0; k < within.Dim; k++)
        {
            if (!(centre[k] >= within.Low[k] && centre[k] <= within.High[k]))
                throw new ArgumentException($"Nuisance {k}: the centre {centre[k]} lies outside [{within.Low[k]}, {within.High[k]}].", nameof(centre));
            bool keep = !(double.IsFinite(halfWidths[k]) && halfWidths[k] > 0);
            low[k] = keep ? within.Low[k] : Math.Max(within.Low[k], centre[k] - halfWidths[k]);
            high[k] = keep ? within.High[k] : Math.Min(within.High[k], centre[k] + halfWidths[k]);
            if (!(high[k] > low[k])) (low[k], high[k]) = (within.Low[k], within.High[k]); // a centre on an edge with a tiny width
        }
        return new NuBox(low, high);
    }

    /// <summary>The smallest box that holds both <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static NuBox Hull(NuBox a, NuBox b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Dim != b.Dim) throw new ArgumentException($"Boxes of {a.Dim} and {b.Dim} sides have no common hull.");
        return new NuBox(a.Low.Zip(b.Low, Math.Min).ToArray(), a.High.Zip(b.High, Math.Max).ToArray());
    }

    /// <summary>Whether <paramref name="nu"/> lies inside the box (edges included).</summary>
    public bool Contains(IReadOnlyList<double> nu)
    {
        ArgumentNullException.ThrowIfNull(nu);
        if (nu.Count != Dim) throw new ArgumentException($"The box has {Dim} sides but nu has {nu.Count} values.", nameof(nu));
        for (int k = 0; k < Dim; k++) if (!(nu[k] >= Low[k] && nu[k] <= High[k])) return false;
        return true;
    }

    /// <summary>n draws, uniform in the box: a [n, K] tensor.</summary>
    public Tensor SampleUniform(long n, Generator generator, ScalarType dtype = ScalarType.Float64)
    {
        using var scope = NewDisposeScope();
        var u = rand(new[] { n, (long)Dim }, generator: generator, dtype: ScalarType.Float64);
        var lo = tensor(Low, dtype: ScalarType.Float64);
        var width = tensor(High, dtype: ScalarType.Float64) - lo;
        return (lo + u * width).to_type(dtype).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// A tensor-product Gauss-Legendre grid with `pointsPerDim` nodes per nuisance: nodes [P, K] and
    /// weights [P] that sum to 1 (an average over the box), P = pointsPerDim^K.
    /// </summary>
    public (double[][] Nodes, double[] Weights) QuadratureGrid(int pointsPerDim)
    {
        var (x, w) = GaussLegendre.Rule(pointsPerDim);
        int total = checked((int)Math.Pow(pointsPerDim, Dim));
        var nodes = new double[total][];
        var weights = new double[total];
        for (int p = 0; p < total; p++)
        {
            nodes[p] = new double[Dim];
            double weight = 1;
            int rest = p;
            for (int k = 0; k < Dim; k++)
            {
                int i = rest % pointsPerDim; rest /= pointsPerDim;
                nodes[p][k] = 0.5 * (Low[k] + High[k]) + 0.5 * (High[k] - Low[k]) * x[i];
                weight *= 0.5 * w[i]; // Legendre weights sum to 2 on [-1, 1]
            }
            weights[p] = weight;
        }
        return (nodes, weights);
    }
}
