using static TorchSharp.torch;

namespace FnfDsl.Fnf;

/// <summary>Which events each taking part head evaluates: every event (dense) or a padded gather table.</summary>
/// <remarks>
/// On the variation samples each event has one non-zero nuisance, so gathering the active events of every
/// head into one [T, rows] table keeps the batched MLP work proportional to the events, not to events x heads.
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

    /// <summary>[T, Rows] event indices, or null when every head sees every event in order.</summary>
    public Tensor? Table { get; }

    /// <summary>[T, Rows] true where the table slot holds an active event; null when dense.</summary>
    public Tensor? Valid { get; }

    /// <summary>True when every head sees every event.</summary>
    public bool IsDense => Table is null;

    /// <summary>Routing that sends every event to every head.</summary>
    public static EventRouting Dense(long events) => new(events, events, null, null);

    /// <summary>A table from the (head, event) pairs of the active entries, sorted by head then event.</summary>
    /// <param name="events">Number of events N.</param>
    /// <param name="head">Position of each pair's head among the taking part heads [P].</param>
    /// <param name="evt">Event of each pair [P].</param>
    /// <param name="counts">Active events per taking part head [T], all &gt; 0.</param>
    public static EventRouting FromPairs(long events, Tensor head, Tensor evt, long[] counts)
    {
        long rows = counts.Max();
        using var countTensor = tensor(counts);
        using var offsets = countTensor.cumsum(0).sub_(countTensor);
        using var position = arange(evt.shape[0], dtype: ScalarType.Int64).sub_(offsets.index_select(0, head));
        using var slot = head.mul(rows).add_(position);
        var table = zeros(counts.Length * rows, dtype: ScalarType.Int64).scatter_(0, slot, evt).view(counts.Length, rows);
        using var slots = arange(rows, dtype: ScalarType.Int64).unsqueeze(0);
        var valid = slots.lt(countTensor.unsqueeze(1));
        return new EventRouting(events, rows, table, valid);
    }
}
