using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Fnf;

/// <summary>All heads of one FNF layer that share their MLP sizes, evaluated as one batched operation.</summary>
/// <remarks>
/// The heads' weights are stacked into [G, in, out] and applied with batched matmuls (bmm), so the
/// G heads cost a handful of large ops instead of G sets of small ones. Heads are grouped by identical
/// sizes rather than padded to the largest size: padding would spend the largest head's FLOPs on every
/// head and need masks on hidden units, while in practice an analysis uses one or two head sizes.
/// </remarks>
internal sealed class HeadGroup : IDisposable
{
    private readonly FnfHead[] heads;
    private readonly int layer;
    private readonly int dim;
    private readonly int monomials;
    private readonly double damping;
    private readonly Tensor[] masks;          // per linear layer [1 or G, in, out]; the last one also carries each head's Moves
    private readonly Tensor outputBiasMask;   // [G, 1, out]: each head's Moves
    private readonly Tensor[] columns;        // nu columns of the monomials, one [G] index tensor per factor
    private readonly Tensor? flavourMatrix;   // [F, G] 1 where head g applies to flavour f; null when all apply to all

    /// <summary>A group of heads with identical sizes, evaluated for FNF layer <paramref name="layer"/> under the given feature order.</summary>
    public HeadGroup(FnfHead[] heads, int layer, int dim, int contextDim, int[] order, double damping)
    {
        this.heads = heads;
        this.layer = layer;
        this.dim = dim;
        monomials = heads[0].Monomials;
        this.damping = damping;

        int perFeature = 2 * monomials;
        bool[][,] made = AutoregressiveMasks.Build(dim, contextDim, order, heads[0].Hidden, perFeature);
        masks = new Tensor[made.Length];
        for (int j = 0; j + 1 < made.Length; j++)
            masks[j] = ToTensor(made[j]).unsqueeze(0).DetachFromDisposeScope();

        var moves = heads.Select(h => Enumerable.Range(0, dim * perFeature).Select(o => h.Moves[o / perFeature]).ToArray()).ToArray();
        using var lastMade = ToTensor(made[^1]);
        using var movesTensor = tensor(moves.SelectMany(m => m).ToArray()).view(heads.Length, 1, dim * perFeature);
        masks[^1] = lastMade.unsqueeze(0).logical_and(movesTensor).DetachFromDisposeScope();
        outputBiasMask = movesTensor.clone().DetachFromDisposeScope();

        columns = Enumerable.Range(0, heads[0].Nuisances.Length)
            .Select(i => tensor(heads.Select(h => (long)h.Nuisances[i]).ToArray()).DetachFromDisposeScope())
            .ToArray();

        int flavours = heads[0].Flavours.Length;
        if (heads.Any(h => h.Flavours.Any(f => !f)))
        {
            var matrix = new double[flavours * heads.Length];
            for (int f = 0; f < flavours; f++)
                for (int g = 0; g < heads.Length; g++)
                    matrix[f * heads.Length + g] = heads[g].Flavours[f] ? 1.0 : 0.0;
            flavourMatrix = tensor(matrix).view(flavours, heads.Length).DetachFromDisposeScope();
        }
    }

    /// <summary>Summed (s, t) contributions [N, D, 2] of the group's heads, or null when no event activates any head.</summary>
    /// <param name="input">Head inputs [N, D + C] = (y, context).</param>
    /// <param name="nu">Per-event nuisances [N, K].</param>
    /// <param name="oneHot">Flavour one-hot [N, F], or null when the transform has no flavours.</param>
    /// <remarks>
    /// Only heads with at least one active event take part, so an idle head gets no gradient at all
    /// (not a zero one, which weight decay would still act on): training one nuisance never moves another's head.
    /// </remarks>
    public Tensor? Contribution(Tensor input, Tensor nu, Tensor? oneHot)
    {
        long n = input.shape[0];
        Tensor mono = Monomials(nu, oneHot, out Tensor? applies);
        // d/dnu needs every event where a head applies, even at nu = 0.
        Tensor? active = nu.requires_grad ? applies?.ne(0) : mono.ne(0).any(2);

        int[] taking = Enumerable.Range(0, heads.Length).ToArray();
        Tensor lastMask = masks[^1], biasMask = outputBiasMask;
        if (active is not null)
        {
            using var counts = active.sum(dim: 0, type: ScalarType.Int64); // sum(0) would bind 0 to the ScalarType overload
            long[] perHead = counts.data<long>().ToArray();
            taking = taking.Where(g => perHead[g] > 0).ToArray();
            if (taking.Length == 0) return null;
            if (taking.Length < heads.Length)
            {
                using var index = tensor(taking.Select(g => (long)g).ToArray());
                mono = mono.index_select(1, index);
                active = active.index_select(1, index);
                lastMask = lastMask.index_select(0, index);
                biasMask = biasMask.index_select(0, index);
            }
        }
        FnfHead[] group = taking.Select(g => heads[g]).ToArray();
        int size = group.Length;
        EventRouting routing = active is null ? EventRouting.Dense(n) : EventRouting.FromActivity(active);

        long rows = routing.Rows;
        Tensor h = routing.IsDense
            ? input.unsqueeze(0).expand(size, n, input.shape[1])
            : input.index_select(0, routing.Table!.view(-1)).view(size, rows, input.shape[1]);
        int depth = group[0].Layer(layer).Depth;
        for (int j = 0; j < depth; j++)
        {
            bool last = j + 1 == depth;
            using var w = stack(group.Select(hd => (Tensor)hd.Layer(layer).Weight(j))).mul(last ? lastMask : masks[j]);
            using var b = stack(group.Select(hd => (Tensor)hd.Layer(layer).Bias(j))).unsqueeze(1);
            using var bias = last ? b.mul(biasMask) : b.alias();
            h = h.bmm(w).add(bias); // not baddbmm: TorchSharp 0.107 passes its arguments to libtorch in the wrong order
            if (!last) h = nn.functional.silu(h);
        }
        Tensor coefficients = h.view(size, rows, dim, 2, monomials);

        Tensor monoRows = mono.permute(1, 0, 2);
        if (!routing.IsDense)
        {
            var index = routing.Table!.unsqueeze(2).expand(size, rows, monomials);
            monoRows = monoRows.gather(1, index).mul(routing.Valid!.unsqueeze(2));
        }
        Tensor terms = einsum("gndpm,gnm->gndp", coefficients, monoRows);
        if (routing.IsDense) return terms.sum(dim: 0);
        return zeros(n, dim * 2, dtype: terms.dtype)
            .index_add(0, routing.Table!.view(-1), terms.reshape(size * rows, dim * 2), 1.0)
            .view(n, dim, 2);
    }

    /// <summary>Monomials [N, G, M] of each head, already zero for flavours the head does not apply to.</summary>
    private Tensor Monomials(Tensor nu, Tensor? oneHot, out Tensor? applies)
    {
        Tensor v = nu.index_select(1, columns[0]);
        Tensor mono = monomials == 2
            ? stack([v, v.square().mul(damping)], 2)
            : v.mul(nu.index_select(1, columns[1])).mul(damping).unsqueeze(2);
        applies = null;
        if (flavourMatrix is null || oneHot is null) return mono;
        applies = oneHot.matmul(flavourMatrix.to(oneHot.dtype));
        return mono.mul(applies.unsqueeze(2));
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

    /// <summary>Releases the masks and index tensors.</summary>
    public void Dispose()
    {
        foreach (var m in masks) m.Dispose();
        outputBiasMask.Dispose();
        foreach (var c in columns) c.Dispose();
        flavourMatrix?.Dispose();
    }
}
