using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Flows;

/// <summary>
/// u = (y - low) / (high - low), z = logit(u) = log u - log(1 - u) per dimension (method.md section 6);
/// log|det J| = sum_i [-log(high_i - low_i) - log u_i - log(1 - u_i)].
/// </summary>
/// <remarks>Defined for low &lt; y &lt; high only; outside that range the result is NaN or infinite, as the density is 0 there.</remarks>
public sealed class MinMaxLogit : Transform
{
    /// <summary>Default widening of the fitted range on each side, as a fraction of its width, so training data map strictly inside (0, 1).</summary>
    public const double DefaultMargin = 0.01;

    private readonly Tensor low;
    private readonly Tensor high;

    /// <summary>A min-max + logit map with the given per-dimension range, each [D], low &lt; high.</summary>
    public MinMaxLogit(Tensor low, Tensor high) : base(nameof(MinMaxLogit))
    {
        if (low.dim() != 1 || high.dim() != 1 || low.size(0) != high.size(0) || low.size(0) == 0)
            throw new ArgumentException($"low and high must both be [D], got [{string.Join(", ", low.shape)}] and [{string.Join(", ", high.shape)}].");
        using (no_grad())
        {
            using var valid = high.gt(low).logical_and(low.isfinite()).logical_and(high.isfinite()).all();
            if (!valid.item<bool>())
                throw new ArgumentException("Need finite low < high in every dimension.", nameof(high));
            // Owned copies that outlive any dispose scope the caller is in.
            this.low = low.detach().clone().DetachFromDisposeScope();
            this.high = high.detach().to_type(low.dtype).clone().DetachFromDisposeScope();
        }
        Dim = (int)low.size(0);
        RegisterComponents();
    }

    /// <summary>Fits the range of each column of <paramref name="data"/> [N, D], widened by <paramref name="margin"/> times its width on each side.</summary>
    public static MinMaxLogit Fit(Tensor data, double margin = DefaultMargin)
    {
        if (data.dim() != 2 || data.size(0) < 2)
            throw new ArgumentException($"data must be [N, D] with N >= 2, got [{string.Join(", ", data.shape)}].", nameof(data));
        if (!(margin > 0)) throw new ArgumentOutOfRangeException(nameof(margin), margin, "margin must be > 0 so that the fitted extremes map inside (0, 1).");
        using var noGrad = no_grad();
        using var min = data.amin(new long[] { 0 });
        using var max = data.amax(new long[] { 0 });
        using var pad = (max - min).mul_(margin);
        using var low = min - pad;
        using var high = max + pad;
        return new MinMaxLogit(low, high);
    }

    /// <inheritdoc />
    public override int Dim { get; }

    /// <summary>Lower ends of the range, [D].</summary>
    public Tensor Low => low;

    /// <summary>Upper ends of the range, [D].</summary>
    public Tensor High => high;

    /// <inheritdoc />
    public override (Tensor Z, Tensor LogDet) ForwardAndLogDet(Tensor y, Tensor? context = null)
    {
        Shapes.Check(GetName(), y, Dim, null, 0);
        using var scope = NewDisposeScope();
        var width = high - low;
        var u = (y - low) / width;
        var logU = u.log();
        var logOneMinusU = (-u).log1p();
        var z = logU - logOneMinusU;
        var logDet = (logU + logOneMinusU).sum(-1).neg().sub_(width.log().sum());
        return (z.MoveToOuterDisposeScope(), logDet.MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public override Tensor Inverse(Tensor z, Tensor? context = null)
    {
        Shapes.Check(GetName(), z, Dim, null, 0, nameof(z));
        using var scope = NewDisposeScope();
        return torch.addcmul(low, z.sigmoid(), high - low, 1).MoveToOuterDisposeScope();
    }
}
