using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Fnf;

/// <summary>The heads of one <see cref="HeadSet"/> in one FNF layer, evaluated as one batched operation.</summary>
/// <remarks>
/// The taking part heads' flat parameters are stacked once into [T, P] and sliced into [T, in, out] weights applied
/// with batched matmuls (bmm), so
/// the heads cost a handful of large ops instead of a set of small ones each. Heads with no active event
/// take no part, so they get no gradient at all (not a zero one, which weight decay would still act on):
/// training one nuisance never moves another's head.
/// Output units are laid out (monomial, feature, s|t), each unit belonging to one feature for the MADE masks.
/// </remarks>
internal sealed class HeadGroup : IDisposable
{
    private readonly HeadSet set;
    private readonly int layer;
    private readonly int dim;
    private readonly Tensor[] masks;        // per linear layer [1, in, out]; the last [G, in, out] also carries each head's Moves
    private readonly Tensor outputBiasMask; // [G, 1, out]: each head's Moves

    /// <summary>The heads of <paramref name="set"/> in FNF layer <paramref name="layer"/>, autoregressive in <paramref name="order"/>.</summary>
    public HeadGroup(HeadSet set, int layer, int dim, int contextDim, int[] order)
    {
        this.set = set;
        this.layer = layer;
        this.dim = dim;
        int outputs = set.Monomials * dim * 2;
        int[] feature = Enumerable.Range(0, outputs).Select(o => o / 2 % dim).ToArray();
        bool[][,] made = AutoregressiveMasks.Build(dim, contextDim, order, set.Heads[0].Hidden, feature);
        masks = new Tensor[made.Length];
        for (int j = 0; j + 1 < made.Length; j++)
            masks[j] = ToTensor(made[j]).unsqueeze(0).DetachFromDisposeScope();

        bool[] moves = set.Heads.SelectMany(h => feature.Select(f => h.Moves[f])).ToArray();
        using var lastMade = ToTensor(made[^1]);
        using var movesTensor = tensor(moves).view(set.Heads.Length, 1, outputs);
        masks[^1] = lastMade.unsqueeze(0).logical_and(movesTensor).DetachFromDisposeScope();
        outputBiasMask = movesTensor.clone().DetachFromDisposeScope();
    }

    /// <summary>Number of heads in the set.</summary>
    public int HeadCount => set.Heads.Length;

    /// <summary>Summed (s, t) contributions [N, D, 2] of the taking part heads.</summary>
    /// <param name="input">Head inputs [N, D + C] = (y, context).</param>
    /// <param name="activity">The heads, events and monomials of this call.</param>
    public Tensor Contribution(Tensor input, HeadActivity activity)
    {
        long n = input.shape[0], rows = activity.Routing.Rows;
        int size = activity.Taking.Length;
        EventRouting routing = activity.Routing;
        Tensor terms = Terms(Coefficients(input, activity), activity.Monomials);
        if (routing.IsDense) return terms.sum(dim: 0);
        return zeros(n, dim * 2, dtype: terms.dtype)
            .index_add(0, routing.Table!.view(-1), terms.reshape(size * rows, dim * 2), 1.0)
            .view(n, dim, 2);
    }

    /// <summary>Each head's (s, t) terms [T, rows, D, 2]: coefficients [T, rows, M, D, 2] times monomials [T, rows, M], summed over M.</summary>
    public static Tensor Terms(Tensor coefficients, Tensor monomials)
    {
        long heads = coefficients.shape[0], rows = coefficients.shape[1];
        // M is 1 or 2, never the number of nuisances.
        Tensor terms = coefficients.select(2, 0).mul(monomials.select(2, 0).view(heads, rows, 1, 1));
        for (int k = 1; k < coefficients.shape[2]; k++)
            terms = terms.add(coefficients.select(2, k).mul(monomials.select(2, k).view(heads, rows, 1, 1)));
        return terms;
    }

    /// <summary>
    /// The taking part heads' outputs [T, rows, M, D, 2]: each monomial's coefficient of (s, t) per feature. They depend on
    /// the input only, not on nu, which enters through the monomials they multiply.
    /// </summary>
    public Tensor Coefficients(Tensor input, HeadActivity activity)
    {
        long n = input.shape[0], rows = activity.Routing.Rows;
        int size = activity.Taking.Length, m = set.Monomials;
        FnfHead[] heads = activity.Taking.Select(g => set.Heads[g]).ToArray();
        Tensor lastMask = masks[^1], biasMask = outputBiasMask;
        if (activity.TakingIndex is not null)
        {
            lastMask = lastMask.index_select(0, activity.TakingIndex);
            biasMask = biasMask.index_select(0, activity.TakingIndex);
        }

        EventRouting routing = activity.Routing;
        Tensor h = routing.IsDense
            ? input.unsqueeze(0).expand(size, n, input.shape[1])
            : input.index_select(0, routing.Table!.view(-1)).view(size, rows, input.shape[1]);
        HeadMlp shape = heads[0].Layer(layer);
        using var stacked = stack(heads.Select(hd => (Tensor)hd.Layer(layer).Flat)); // [T, P]: one op for every weight of every head
        int depth = shape.Depth;
        for (int j = 0; j < depth; j++)
        {
            bool last = j + 1 == depth;
            using var w = shape.StackedWeight(stacked, j).mul(last ? lastMask : masks[j]);
            using var b = shape.StackedBias(stacked, j);
            using var bias = last ? b.mul(biasMask) : b.alias();
            h = h.bmm(w).add(bias); // not baddbmm: TorchSharp 0.107 passes its arguments to libtorch in the wrong order
            if (!last) h = nn.functional.silu(h);
        }

        return h.view(size, rows, m, dim, 2);
    }

    private static Tensor ToTensor(bool[,] mask)
    {
        int rows = mask.GetLength(0), cols = mask.GetLength(1);
        var flat = new bool[rows * cols];
        for (int a = 0; a < rows; a++)
            for (int b = 0; b < cols; b++)
                flat[a * cols + b] = mask[a, b];
        return tensor(flat).view(rows, cols);
    }

    /// <summary>Releases the masks.</summary>
    public void Dispose()
    {
        foreach (var mask in masks) mask.Dispose();
        outputBiasMask.Dispose();
    }
}
