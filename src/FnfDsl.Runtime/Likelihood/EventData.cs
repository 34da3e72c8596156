using static TorchSharp.torch;

namespace FnfDsl.Likelihood;

/// <summary>Validated unbinned events: kinematics x [N, Dx], features y [N, Dy] and optional per-event weights [N].</summary>
/// <remarks>Validation happens once, here, so that no NaN, Inf or misshapen tensor ever reaches the native code.</remarks>
public sealed class EventData
{
    private EventData(Tensor x, Tensor y, Tensor? weights, string source)
    {
        X = x;
        Y = y;
        Weights = weights;
        Source = source;
    }

    /// <summary>Kinematic variables [N, Dx] (Dx may be 0).</summary>
    public Tensor X { get; }

    /// <summary>Features [N, Dy].</summary>
    public Tensor Y { get; }

    /// <summary>Per-event weights [N] (e.g. Poisson(1) bootstrap draws), or null for unit weights.</summary>
    public Tensor? Weights { get; }

    /// <summary>Where the events came from, for error messages.</summary>
    public string Source { get; }

    /// <summary>Number of events N.</summary>
    public long Count => X.shape[0];

    /// <summary>Checks shapes, dtypes and finiteness, naming the first bad row and column.</summary>
    public static EventData Create(Tensor x, Tensor y, Tensor? weights = null, string source = "events")
    {
        if (x.dim() != 2) throw new ArgumentException($"{source}: x must be [N, Dx], got [{string.Join(", ", x.shape)}].", nameof(x));
        if (y.dim() != 2) throw new ArgumentException($"{source}: y must be [N, Dy], got [{string.Join(", ", y.shape)}].", nameof(y));
        if (x.shape[0] != y.shape[0])
            throw new ArgumentException($"{source}: x has {x.shape[0]} rows but y has {y.shape[0]}.", nameof(y));
        if (x.dtype != y.dtype || (y.dtype != ScalarType.Float32 && y.dtype != ScalarType.Float64))
            throw new ArgumentException($"{source}: x and y must share a float32 or float64 dtype, got {x.dtype} and {y.dtype}.", nameof(y));
        RequireFinite(x, source, "x");
        RequireFinite(y, source, "y");
        if (weights is not null)
        {
            if (weights.dim() != 1 || weights.shape[0] != y.shape[0])
                throw new ArgumentException($"{source}: weights must be [{y.shape[0]}], got [{string.Join(", ", weights.shape)}].", nameof(weights));
            if (weights.dtype != ScalarType.Float32 && weights.dtype != ScalarType.Float64)
                throw new ArgumentException($"{source}: weights must be floating point, got {weights.dtype}.", nameof(weights));
            using (var column = weights.unsqueeze(1)) RequireFinite(column, source, "weights");
            using var negative = weights.lt(0);
            if (negative.any().item<bool>())
            {
                using var rows = negative.nonzero();
                long row = rows[0, 0].item<long>();
                throw new ArgumentException($"{source}: weights row {row} is negative ({weights[row].to_type(ScalarType.Float64).item<double>()}).", nameof(weights));
            }
        }
        return new EventData(x, y, weights, source);
    }

    private static void RequireFinite(Tensor values, string source, string name)
    {
        using var finite = values.isfinite();
        if (finite.all().item<bool>()) return;
        using var bad = finite.logical_not().nonzero();
        long row = bad[0, 0].item<long>(), column = bad[0, 1].item<long>();
        double value = values[row, column].to_type(ScalarType.Float64).item<double>();
        string shown = double.IsNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
        throw new ArgumentException($"{source}: {name} row {row} column {column} is {shown} (every value must be finite).", name);
    }
}
