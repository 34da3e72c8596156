using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Flows;

/// <summary>z_i = y_order[i]: reorders dimensions between autoregressive or coupling layers; log|det J| = 0.</summary>
public sealed class Permutation : Transform
{
    private readonly Tensor order;
    private readonly Tensor inverseOrder;

    /// <summary>The permutation z_i = y_order[i]; order must contain 0..D-1 once each.</summary>
    public Permutation(IReadOnlyList<int> order) : base(nameof(Permutation))
    {
        if (order.Count == 0 || !order.OrderBy(i => i).SequenceEqual(Enumerable.Range(0, order.Count)))
            throw new ArgumentException($"order must be a permutation of 0..{order.Count - 1}, got [{string.Join(", ", order)}].", nameof(order));
        var inverse = new long[order.Count];
        for (int i = 0; i < order.Count; i++) inverse[order[i]] = i;
        this.order = tensor(order.Select(i => (long)i).ToArray());
        inverseOrder = tensor(inverse);
        Dim = order.Count;
        RegisterComponents();
    }

    /// <summary>The reversal z_i = y_(D-1-i), used between autoregressive layers.</summary>
    public static Permutation Reverse(int dim) => new(Enumerable.Range(0, dim).Reverse().ToArray());

    /// <inheritdoc />
    public override int Dim { get; }

    /// <inheritdoc />
    public override (Tensor Z, Tensor LogDet) ForwardAndLogDet(Tensor y, Tensor? context = null)
    {
        Shapes.Check(GetName(), y, Dim, null, 0);
        return (y.index_select(1, order), zeros(y.size(0), dtype: y.dtype, device: y.device));
    }

    /// <inheritdoc />
    public override Tensor Forward(Tensor y, Tensor? context = null)
    {
        Shapes.Check(GetName(), y, Dim, null, 0);
        return y.index_select(1, order);
    }

    /// <inheritdoc />
    public override Tensor Inverse(Tensor z, Tensor? context = null)
    {
        Shapes.Check(GetName(), z, Dim, null, 0, nameof(z));
        return z.index_select(1, inverseOrder);
    }
}
