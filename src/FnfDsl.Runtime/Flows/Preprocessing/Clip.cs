using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Flows;

/// <summary>z = clamp(y, low, high) per dimension, the last pre-processing step of method.md section 6 (default [-5, 5]).</summary>
/// <remarks>
/// Clipping is not invertible outside [low, high]: it is the identity inside, with log|det J| = 0 there, and that
/// is the only region where it is a bijection. Values outside are moved to the edge, with log-det 0 as well, so a
/// density of clipped variables is only meaningful inside the range. The inverse is the identity on [low, high].
/// </remarks>
public sealed class Clip : Transform
{
    /// <summary>Default clipping range of method.md section 6.</summary>
    public const double DefaultLimit = 5.0;

    /// <summary>Clipping to [low, high] in each of <paramref name="dim"/> dimensions.</summary>
    public Clip(int dim, double low = -DefaultLimit, double high = DefaultLimit) : base(nameof(Clip))
    {
        if (dim < 1) throw new ArgumentOutOfRangeException(nameof(dim), dim, "dim must be >= 1.");
        if (!(low < high)) throw new ArgumentException($"Need low < high, got [{low}, {high}].", nameof(high));
        Dim = dim;
        Low = low;
        High = high;
        RegisterComponents();
    }

    /// <inheritdoc />
    public override int Dim { get; }

    /// <summary>Lower clipping limit.</summary>
    public double Low { get; }

    /// <summary>Upper clipping limit.</summary>
    public double High { get; }

    /// <inheritdoc />
    public override (Tensor Z, Tensor LogDet) ForwardAndLogDet(Tensor y, Tensor? context = null)
    {
        Shapes.Check(GetName(), y, Dim, null, 0);
        return (y.clamp(Low, High), zeros(y.size(0), dtype: y.dtype, device: y.device));
    }

    /// <inheritdoc />
    public override Tensor Inverse(Tensor z, Tensor? context = null)
    {
        Shapes.Check(GetName(), z, Dim, null, 0, nameof(z));
        return z.clamp(Low, High);
    }
}
