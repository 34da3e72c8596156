using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Flows;

/// <summary>z = (y - mean) / std per dimension, with mean and std fitted once and stored as buffers; log|det J| = -sum_i log std_i.</summary>
public sealed class Standardize : Transform
{
    private readonly Tensor mean;
    private readonly Tensor std;

    /// <summary>A standardisation with the given per-dimension mean and (positive) standard deviation, each [D].</summary>
    public Standardize(Tensor mean, Tensor std) : base(nameof(Standardize))
    {
        if (mean.dim() != 1 || std.dim() != 1 || mean.size(0) != std.size(0) || mean.size(0) == 0)
            throw new ArgumentException($"mean and std must both be [D], got [{string.Join(", ", mean.shape)}] and [{string.Join(", ", std.shape)}].");
        using (no_grad())
        {
            using var valid = std.gt(0).logical_and(std.isfinite()).all().logical_and(mean.isfinite().all());
            if (!valid.item<bool>())
                throw new ArgumentException("std must be positive and finite and mean finite in every dimension.", nameof(std));
            // Owned copies that outlive any dispose scope the caller is in.
            this.mean = mean.detach().clone().DetachFromDisposeScope();
            this.std = std.detach().to_type(mean.dtype).clone().DetachFromDisposeScope();
        }
        Dim = (int)mean.size(0);
        RegisterComponents();
    }

    /// <summary>Fits mean and standard deviation of each column of <paramref name="data"/> [N, D], N &gt;= 2.</summary>
    public static Standardize Fit(Tensor data)
    {
        if (data.dim() != 2 || data.size(0) < 2)
            throw new ArgumentException($"data must be [N, D] with N >= 2, got [{string.Join(", ", data.shape)}].", nameof(data));
        using var noGrad = no_grad();
        using var std = data.std(0, unbiased: false);
        using var positive = std.gt(0).all();
        if (!positive.item<bool>())
            throw new ArgumentException("A column of data is constant: it cannot be standardised.", nameof(data));
        using var mean = data.mean(new long[] { 0 });
        return new Standardize(mean, std);
    }

    /// <inheritdoc />
    public override int Dim { get; }

    /// <summary>The fitted means, [D].</summary>
    public Tensor Mean => mean;

    /// <summary>The fitted standard deviations, [D].</summary>
    public Tensor Std => std;

    /// <inheritdoc />
    public override (Tensor Z, Tensor LogDet) ForwardAndLogDet(Tensor y, Tensor? context = null)
    {
        Shapes.Check(GetName(), y, Dim, null, 0);
        using var scope = NewDisposeScope();
        var z = (y - mean) / std;
        var logDet = std.log().sum().neg().expand(y.size(0)).contiguous();
        return (z.MoveToOuterDisposeScope(), logDet.MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public override Tensor Inverse(Tensor z, Tensor? context = null)
    {
        Shapes.Check(GetName(), z, Dim, null, 0, nameof(z));
        return torch.addcmul(mean, z, std, 1);
    }
}
