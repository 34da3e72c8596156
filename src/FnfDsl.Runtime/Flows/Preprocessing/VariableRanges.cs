using FnfDsl.Analysis;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Flows;

/// <summary>
/// The declared ranges of a set of variables as one bijection onto the real line, applied in front of their flows
/// (and in front of the FNF map and the DoI, which may then move values anywhere without leaving the support):
/// a variable with Min and Max gets min-max + logit (<see cref="MinMaxLogit"/>), one with a single bound a softplus map,
/// an unbounded one the identity. log|det| is included, so densities stay densities of the original variables.
/// </summary>
/// <remarks>
/// Each map is the identity to first order in the bulk, so the standardisation fitted on the raw variables still
/// fits what follows: two-sided z = mid + (w / 4) logit(u) with u = (y - Min) / w; lower-bounded
/// z = Min + s log(expm1((y - Min) / s)) (upper-bounded mirrored), s the variable's spread, so z ~ y once y is a few s
/// from its bound and z ~ s log(y - Min) near it. Values on or outside a bound have no density: they are refused, naming the variable.
/// </remarks>
public sealed class VariableRanges : Transform
{
    private readonly Tensor min;    // [D], -inf where there is no lower bound
    private readonly Tensor max;    // [D], +inf where there is no upper bound
    private readonly Tensor scale;  // [D], the spread s of the one-sided maps
    private readonly MinMaxLogit? logit; // on the two-sided columns only
    private readonly long[] lowerOnly, upperOnly, twoSided;
    private readonly string[] names;

    /// <summary>Ranges of the named variables (null or infinite: unbounded), with the spread of each (used by the one-sided maps).</summary>
    public VariableRanges(IReadOnlyList<string> names, IReadOnlyList<double?> min, IReadOnlyList<double?> max, IReadOnlyList<double> scale)
        : base(nameof(VariableRanges))
    {
        int d = names.Count;
        if (d == 0 || min.Count != d || max.Count != d || scale.Count != d)
            throw new ArgumentException($"Need one Min, Max and scale per variable: {d} names, {min.Count} / {max.Count} / {scale.Count} values.");
        double[] low = min.Select(v => v ?? double.NegativeInfinity).ToArray();
        double[] high = max.Select(v => v ?? double.PositiveInfinity).ToArray();
        for (int i = 0; i < d; i++)
        {
            if (double.IsNaN(low[i]) || double.IsNaN(high[i]) || !(low[i] < high[i]) || double.IsPositiveInfinity(low[i]) || double.IsNegativeInfinity(high[i]))
                throw new ArgumentException($"Variable '{names[i]}': the range [{low[i]}, {high[i]}] is empty or not a number.");
            if (!(scale[i] > 0) || double.IsInfinity(scale[i]))
                throw new ArgumentOutOfRangeException(nameof(scale), scale[i], $"Variable '{names[i]}': the spread must be positive and finite.");
        }
        this.names = names.ToArray();
        Dim = d;
        bool HasLow(int i) => double.IsFinite(low[i]);
        bool HasHigh(int i) => double.IsFinite(high[i]);
        lowerOnly = Enumerable.Range(0, d).Where(i => HasLow(i) && !HasHigh(i)).Select(i => (long)i).ToArray();
        upperOnly = Enumerable.Range(0, d).Where(i => !HasLow(i) && HasHigh(i)).Select(i => (long)i).ToArray();
        twoSided = Enumerable.Range(0, d).Where(i => HasLow(i) && HasHigh(i)).Select(i => (long)i).ToArray();
        this.min = tensor(low, dtype: ScalarType.Float64).DetachFromDisposeScope();
        this.max = tensor(high, dtype: ScalarType.Float64).DetachFromDisposeScope();
        this.scale = tensor(scale.ToArray(), dtype: ScalarType.Float64).DetachFromDisposeScope();
        if (twoSided.Length > 0)
        {
            using var l = tensor(twoSided.Select(i => low[i]).ToArray(), dtype: ScalarType.Float64);
            using var h = tensor(twoSided.Select(i => high[i]).ToArray(), dtype: ScalarType.Float64);
            logit = new MinMaxLogit(l, h);
        }
        RegisterComponents();
    }

    /// <summary>The ranges of <paramref name="variables"/>, or null when none is bounded (no map at all).</summary>
    /// <param name="variables">The declared variables, in batch order.</param>
    /// <param name="spread">Their spreads (e.g. the standard deviations of nominal simulation), one per variable.</param>
    public static VariableRanges? FromSpec(IReadOnlyList<VariableSpec> variables, IReadOnlyList<double> spread) =>
        variables.Any(v => v.Min is not null || v.Max is not null)
            ? new VariableRanges(variables.Select(v => v.Name).ToArray(), variables.Select(v => v.Min).ToArray(), variables.Select(v => v.Max).ToArray(), spread)
            : null;

    /// <inheritdoc />
    public override int Dim { get; }

    /// <summary>The variables' names, in column order.</summary>
    public IReadOnlyList<string> Names => names;

    /// <inheritdoc />
    public override (Tensor Z, Tensor LogDet) ForwardAndLogDet(Tensor y, Tensor? context = null)
    {
        Shapes.Check(GetName(), y, Dim, null, 0);
        RequireInside(y);
        using var scope = NewDisposeScope();
        Tensor z = y, logDet = zeros(y.size(0), dtype: y.dtype, device: y.device);
        if (lowerOnly.Length > 0)
        {
            var (zl, ld) = OneSided(y, lowerOnly, min, +1);
            z = z.index_copy(1, Index(lowerOnly), zl);
            logDet = logDet.add(ld);
        }
        if (upperOnly.Length > 0)
        {
            var (zu, ld) = OneSided(y, upperOnly, max, -1);
            z = z.index_copy(1, Index(upperOnly), zu);
            logDet = logDet.add(ld);
        }
        if (logit is not null)
        {
            var index = Index(twoSided);
            var (l, ld) = logit.ForwardAndLogDet(y.index_select(1, index));
            var (mid, quarter) = MidAndQuarterWidth(y.dtype);
            z = z.index_copy(1, index, l.mul(quarter).add(mid));
            logDet = logDet.add(ld).add(quarter.log().sum());
        }
        return (z.MoveToOuterDisposeScope(), logDet.MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public override Tensor Inverse(Tensor z, Tensor? context = null)
    {
        Shapes.Check(GetName(), z, Dim, null, 0, nameof(z));
        using var scope = NewDisposeScope();
        Tensor y = z;
        foreach (var (columns, bound, side) in new[] { (lowerOnly, min, +1), (upperOnly, max, -1) })
        {
            if (columns.Length == 0) continue;
            var index = Index(columns);
            Tensor b = bound.index_select(0, index).to_type(z.dtype), s = scale.index_select(0, index).to_type(z.dtype);
            // z = b + side * s * g(a), g(a) = log(expm1(a)), a = side * (y - b) / s; g^-1 = softplus.
            Tensor a = nn.functional.softplus(z.index_select(1, index).sub(b).mul(side).div(s));
            y = y.index_copy(1, index, a.mul(s).mul(side).add(b));
        }
        if (logit is not null)
        {
            var index = Index(twoSided);
            var (mid, quarter) = MidAndQuarterWidth(z.dtype);
            y = y.index_copy(1, index, logit.Inverse(z.index_select(1, index).sub(mid).div(quarter)));
        }
        return y.MoveToOuterDisposeScope();
    }

    // One-sided map of the given columns: a = side * (y - bound) / s > 0, z = bound + side * s * log(expm1(a)),
    // dz/dy = 1 / (1 - exp(-a)). log(expm1(a)) = a + log(-expm1(-a)) is exact and stable for small and large a.
    private (Tensor Z, Tensor LogDet) OneSided(Tensor y, long[] columns, Tensor bounds, int side)
    {
        var index = Index(columns);
        Tensor b = bounds.index_select(0, index).to_type(y.dtype), s = scale.index_select(0, index).to_type(y.dtype);
        Tensor a = y.index_select(1, index).sub(b).mul(side).div(s);
        Tensor logOneMinus = a.neg().expm1().neg().log(); // log(1 - exp(-a))
        Tensor z = a.add(logOneMinus).mul(s).mul(side).add(b);
        return (z, logOneMinus.sum(-1).neg());
    }

    private (Tensor Mid, Tensor Quarter) MidAndQuarterWidth(ScalarType dtype)
    {
        Tensor low = logit!.Low.to_type(dtype), high = logit.High.to_type(dtype);
        return (low.add(high).mul(0.5), high.sub(low).mul(0.25));
    }

    private static Tensor Index(long[] columns) => tensor(columns, dtype: ScalarType.Int64);

    // Refuses values on or outside a declared bound, naming the variable: they have no density, and the maps would give NaN or inf.
    private void RequireInside(Tensor y)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Tensor low = min.to_type(y.dtype), high = max.to_type(y.dtype);
        Tensor outside = y.le(low).logical_or(y.ge(high)).logical_or(y.isnan());
        if (!outside.any().item<bool>()) return;
        Tensor bad = outside.nonzero();
        long row = bad[0, 0].item<long>(), column = bad[0, 1].item<long>();
        double value = y[row, column].to_type(ScalarType.Float64).item<double>();
        double lo = min[column].to_type(ScalarType.Float64).item<double>(), hi = max[column].to_type(ScalarType.Float64).item<double>();
        string where = value <= lo ? $"not above its declared Min {Show(lo)}" : value >= hi ? $"not below its declared Max {Show(hi)}" : "not a number";
        throw new ArgumentException(
            $"Variable '{names[column]}' is {Show(value)} in row {row}, {where}: events outside the declared range [{Show(lo)}, {Show(hi)}] have no density.");
    }

    private static string Show(double bound) => double.IsNegativeInfinity(bound) ? "-inf" : double.IsPositiveInfinity(bound) ? "+inf" : bound.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
