using static TorchSharp.torch;

namespace FnfDsl.Fnf;

/// <summary>Which events each head of a group must evaluate: every event (dense) or a padded gather table.</summary>
/// <remarks>
/// Head g only contributes where its monomial is non-zero (method.md section 3, independence). On the
/// variation samples each event has one non-zero nuisance, so gathering the active events of every head
/// into one [G, rows] table keeps the batched work proportional to the events, not to events x heads.
/// Table slots past a head's count point at event 0 and are switched off by <see cref="Valid"/>.
/// </remarks>
internal sealed class EventRouting
{
    private EventRouting(long events, long rows, Tensor? table, Tensor? valid)
    {
        Events = events;
        Rows = rows;
        Table = table;
        Valid = valid;
    }

    /// <summary>Number of events N.</summary>
    public long Events { get; }

    /// <summary>Rows each head evaluates: N when dense, the largest active count otherwise.</summary>
    public long Rows { get; }

    /// <summary>[G, Rows] event indices, or null when every head sees every event in order.</summary>
    public Tensor? Table { get; }

    /// <summary>[G, Rows] true where the table slot holds an active event; null when dense.</summary>
    public Tensor? Valid { get; }

    /// <summary>True when every head sees every event.</summary>
    public bool IsDense => Table is null;

    /// <summary>Routing that sends every event to every head.</summary>
    public static EventRouting Dense(long events) => new(events, events, null, null);

    /// <summary>Routing from an [N, G] activity mask in which every head has at least one active event.</summary>
    public static EventRouting FromActivity(Tensor active)
    {
        long n = active.shape[0], g = active.shape[1];
        using var countTensor = active.sum(dim: 0, type: ScalarType.Int64); // sum(0) would bind 0 to the ScalarType overload
        long[] counts = countTensor.data<long>().ToArray();
        long rows = counts.Max();
        if (counts.All(c => c == n)) return Dense(n);

        // nonzero of the transposed mask lists (head, event) pairs sorted by head, then event.
        using var pairs = active.t().nonzero();
        using var head = pairs.select(1, 0);
        using var evt = pairs.select(1, 1);
        using var offsets = countTensor.cumsum(0).sub_(countTensor);
        using var position = arange(pairs.shape[0], dtype: ScalarType.Int64).sub_(offsets.index_select(0, head));
        using var slot = head.mul(rows).add_(position);
        var table = zeros(g * rows, dtype: ScalarType.Int64).scatter_(0, slot, evt).view(g, rows);
        using var slots = arange(rows, dtype: ScalarType.Int64).unsqueeze(0);
        var valid = slots.lt(countTensor.unsqueeze(1));
        return new EventRouting(n, rows, table, valid);
    }
}
