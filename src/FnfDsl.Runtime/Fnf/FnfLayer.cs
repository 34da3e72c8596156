using static TorchSharp.torch;

namespace FnfDsl.Fnf;

/// <summary>One autoregressive affine FNF layer: z = y * exp(s) + t, with s and t summed over the heads' terms.</summary>
/// <remarks>
/// The layer is autoregressive in <see cref="Order"/>: the coefficients of feature order[r] depend on the
/// features order[0..r-1] and the context. Stacked layers alternate orders, which plays the role of the
/// permutations between layers without moving any data.
/// </remarks>
internal sealed class FnfLayer : IDisposable
{
    private readonly HeadGroup[] groups; // one per head set, in the sets' order
    private readonly int dim;

    /// <summary>Layer <paramref name="layer"/> of the head sets, autoregressive in <paramref name="order"/>.</summary>
    public FnfLayer(IReadOnlyList<HeadSet> sets, int layer, int dim, int contextDim, int[] order)
    {
        this.dim = dim;
        Order = order;
        groups = sets.Select(set => new HeadGroup(set, layer, dim, contextDim, order)).ToArray();
    }

    /// <summary>The autoregressive order of the features.</summary>
    public int[] Order { get; }

    /// <summary>Log-scale s [N, D] and shift t [N, D] at y.</summary>
    public (Tensor LogScale, Tensor Shift) Coefficients(Tensor y, Tensor? context, HeadActivity?[] activities)
    {
        Tensor? sum = HeadSum(y, context, activities);
        if (sum is null) return (zeros_like(y), zeros_like(y));
        return (sum.select(2, 0), sum.select(2, 1));
    }

    /// <summary>z = y * exp(s) + t and log|det dz/dy| = sum_i s_i; z is y itself (an alias) when no head is active.</summary>
    public (Tensor Z, Tensor LogDet) Forward(Tensor y, Tensor? context, HeadActivity?[] activities)
    {
        return Apply(y, HeadSum(y, context, activities));
    }

    /// <summary>Every head's coefficients at y [G, N, M, D, 2], one tensor per head set: what <see cref="Forward"/> needs besides nu.</summary>
    public Tensor[] AllCoefficients(Tensor y, Tensor? context)
    {
        Tensor input = context is null ? y : cat([y, context], 1);
        long n = y.shape[0];
        return groups.Select(g => g.Coefficients(input,
            new HeadActivity(Enumerable.Range(0, g.HeadCount).ToArray(), null, EventRouting.Dense(n), empty(0)))).ToArray();
    }

    /// <summary>z and log|det| at y from coefficients of <see cref="AllCoefficients"/> and each set's dense monomials [G, N, M].</summary>
    public static (Tensor Z, Tensor LogDet) ForwardFrom(Tensor y, Tensor[] coefficients, Tensor[] monomials)
    {
        Tensor? sum = null;
        for (int g = 0; g < coefficients.Length; g++)
        {
            Tensor part = HeadGroup.Terms(coefficients[g], monomials[g]).sum(dim: 0);
            sum = sum is null ? part : sum.add(part);
        }
        return Apply(y, sum);
    }

    // z = y * exp(s) + t and log|det| = sum_i s_i from (s, t) [N, D, 2]; the identity when no head contributed.
    private static (Tensor Z, Tensor LogDet) Apply(Tensor y, Tensor? sum)
    {
        if (sum is null) return (y.alias(), zeros(y.shape[0], dtype: y.dtype));
        Tensor s = sum.select(2, 0), t = sum.select(2, 1);
        return (y.mul(s.exp()).add(t), s.sum(1));
    }

    /// <summary>y from z, one feature rank per pass: after pass r the features ranked below r are exact.</summary>
    public Tensor Inverse(Tensor z, Tensor? context, HeadActivity?[] activities)
    {
        if (activities.All(a => a is null)) return z.alias();
        Tensor y = z;
        for (int pass = 0; pass < dim; pass++)
        {
            var (s, t) = Coefficients(y, context, activities);
            y = z.sub(t).mul(s.neg().exp());
        }
        return y;
    }

    /// <summary>(s, t) stacked as [N, D, 2], summed over the groups; null when no head is active.</summary>
    private Tensor? HeadSum(Tensor y, Tensor? context, HeadActivity?[] activities)
    {
        Tensor input = context is null ? y : cat([y, context], 1);
        Tensor? sum = null;
        for (int g = 0; g < groups.Length; g++)
        {
            if (activities[g] is not { } activity) continue;
            Tensor part = groups[g].Contribution(input, activity);
            sum = sum is null ? part : sum.add(part);
        }
        return sum;
    }

    /// <summary>Releases the groups' masks.</summary>
    public void Dispose()
    {
        foreach (var g in groups) g.Dispose();
    }
}
