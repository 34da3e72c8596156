using static TorchSharp.torch;

namespace FnfDsl.Fnf;

/// <summary>Heads that share their MLP sizes (batched together in every layer), with what decides where they act: nu columns and flavours.</summary>
/// <remarks>
/// Heads are grouped by identical sizes rather than padded to the largest size: padding would spend the
/// largest head's FLOPs on every head and need masks on hidden units, while in practice an analysis uses one
/// or two head sizes. Which events activate which head depends on nu and the flavour only, so it is worked
/// out once per call (<see cref="Activate"/>) and shared by all layers and by every pass of the inverse.
/// </remarks>
internal sealed class HeadSet : IDisposable
{
    private readonly Tensor[] columns;      // nu columns of the monomials, one [G] index tensor per factor
    private readonly bool allColumnsInOrder; // columns are exactly 0..K-1: nu itself is the [N, G] value matrix
    private readonly Tensor? flavourMatrix; // [F, G] 1 where head g applies to flavour f; null when all apply to all

    /// <summary>A set of heads with identical sizes and monomial count, over nu of width <paramref name="nuisanceCount"/>.</summary>
    public HeadSet(FnfHead[] heads, int nuisanceCount, double damping)
    {
        Heads = heads;
        Monomials = heads[0].Monomials;
        Damping = damping;
        columns = Enumerable.Range(0, heads[0].Nuisances.Length)
            .Select(i => tensor(heads.Select(h => (long)h.Nuisances[i]).ToArray()).DetachFromDisposeScope())
            .ToArray();
        allColumnsInOrder = Monomials == 2 && heads.Length == nuisanceCount
            && heads.Select((h, g) => h.Nuisances[0] == g).All(x => x);

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

    /// <summary>The heads, all with the same hidden sizes.</summary>
    public FnfHead[] Heads { get; }

    /// <summary>Monomials per head: 2 (nu, damping nu^2) or 1 (damping nu_k nu_l).</summary>
    public int Monomials { get; }

    /// <summary>Factor on the quadratic (or cross) monomial.</summary>
    public double Damping { get; }

    /// <summary>The heads that take part for this nu and these flavours, their events and monomials; null when none does.</summary>
    /// <param name="nu">Per-event nuisances [N, K].</param>
    /// <param name="oneHot">Flavour one-hot [N, F], or null when the transform has no flavours.</param>
    /// <param name="shared">True when every event has the same nu (a [K] vector broadcast).</param>
    public HeadActivity? Activate(Tensor nu, Tensor? oneHot, bool shared)
    {
        long n = nu.shape[0];
        if (n == 0) return null;
        Tensor values = allColumnsInOrder ? nu : nu.index_select(1, columns[0]);
        if (Monomials == 1) values = values.mul(nu.index_select(1, columns[1]));
        Tensor? applies = flavourMatrix is null || oneHot is null ? null : oneHot.matmul(flavourMatrix.to(oneHot.dtype));
        if (shared && applies is null && !nu.requires_grad) return Uniform(values, n);

        // A head acts where its monomials are non-zero and it applies to the flavour; d/dnu needs it
        // wherever it applies, even at nu = 0.
        Tensor? activity = nu.requires_grad ? applies : applies is null ? values : values.mul(applies);
        if (activity is null)
            return new HeadActivity(Enumerable.Range(0, Heads.Length).ToArray(), null, EventRouting.Dense(n), MonomialsOf(values).permute(1, 0, 2));

        // One pass over the [N, G] activity: nonzero of its transpose lists (head, event) pairs by head, then event.
        Tensor pairs = activity.t().nonzero();
        Tensor head = pairs.select(1, 0), evt = pairs.select(1, 1);
        long[] counts = head.bincount(null, Heads.Length).data<long>().ToArray();
        int[] taking = Enumerable.Range(0, Heads.Length).Where(g => counts[g] > 0).ToArray();
        if (taking.Length == 0) return null;
        if (taking.Length == Heads.Length && counts.All(c => c == n))
            return new HeadActivity(taking, null, EventRouting.Dense(n), MonomialsOf(values).permute(1, 0, 2));

        Tensor takingIndex = tensor(taking.Select(g => (long)g).ToArray());
        Tensor position = zeros(Heads.Length, dtype: ScalarType.Int64).index_copy_(0, takingIndex, arange(taking.Length, dtype: ScalarType.Int64));
        var routing = EventRouting.FromPairs(n, position.index_select(0, head), evt, taking.Select(g => counts[g]).ToArray());
        Tensor atRows = values[routing.Table!, takingIndex.unsqueeze(1)];
        Tensor monomials = MonomialsOf(atRows).mul(routing.Valid!.unsqueeze(2));
        return new HeadActivity(taking, taking.Length == Heads.Length ? null : takingIndex, routing, monomials);
    }

    /// <summary>
    /// Every head's monomials [G, N, M] at nu [N, K], zero where a head does not apply to the event's flavour: the dense
    /// form of <see cref="Activate"/>, for coefficients computed once for all heads and events.
    /// </summary>
    public Tensor DenseMonomials(Tensor nu, Tensor? oneHot)
    {
        Tensor values = allColumnsInOrder ? nu : nu.index_select(1, columns[0]);
        if (Monomials == 1) values = values.mul(nu.index_select(1, columns[1]));
        Tensor monomials = MonomialsOf(values); // [N, G, M]
        if (flavourMatrix is not null && oneHot is not null)
            monomials = monomials.mul(oneHot.matmul(flavourMatrix.to(oneHot.dtype)).unsqueeze(2));
        return monomials.permute(1, 0, 2);
    }

    /// <summary>The same nu for every event and no flavour restriction: a head acts on all events or on none.</summary>
    private HeadActivity? Uniform(Tensor values, long n)
    {
        using var first = values.select(0, 0).to_type(ScalarType.Float64).contiguous();
        double[] perHead = first.data<double>().ToArray();
        int[] taking = Enumerable.Range(0, Heads.Length).Where(g => perHead[g] != 0).ToArray();
        if (taking.Length == 0) return null;
        if (taking.Length == Heads.Length)
            return new HeadActivity(taking, null, EventRouting.Dense(n), MonomialsOf(values).permute(1, 0, 2));
        Tensor takingIndex = tensor(taking.Select(g => (long)g).ToArray());
        return new HeadActivity(taking, takingIndex, EventRouting.Dense(n), MonomialsOf(values.index_select(1, takingIndex)).permute(1, 0, 2));
    }

    /// <summary>[..., M] monomials from the heads' nuisance values (a nu, or a product nu_k nu_l for a cross term).</summary>
    private Tensor MonomialsOf(Tensor values) => Monomials == 2
        ? stack([values, values.square().mul(Damping)], -1)
        : values.mul(Damping).unsqueeze(-1);

    /// <summary>Releases the index tensors.</summary>
    public void Dispose()
    {
        foreach (var c in columns) c.Dispose();
        flavourMatrix?.Dispose();
    }
}
