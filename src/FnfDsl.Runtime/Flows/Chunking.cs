using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Flows;

/// <summary>
/// Streams evaluations and gradients over large datasets in chunks of events, so that no intermediate tensor
/// grows past the size where the allocator maps fresh memory for it on every call.
/// </summary>
public static class Chunking
{
    /// <summary>Events per chunk used by the library's evaluation and training loops.</summary>
    /// <remarks>
    /// Chosen from measurement of the paper's conditional NSF (2 layers, 30 bins, hidden 128x4; log-prob + backward,
    /// single thread, CPU time, float32): the share of GEMM peak was 0.44 / 0.45 / 0.48 / 0.40 / 0.42 / 0.41 at
    /// 2k / 4k / 8k / 16k / 32k / 64k events. Past ~16k events the largest intermediates (hidden activations
    /// [n, 128], spline tables [n, D, 2, K]) pass ~8 MB and fall out of the allocator's reused memory; at 64k they
    /// reach the ~32 MB above which every allocation is a fresh mmap. 8192 keeps every intermediate under ~4 MB.
    /// </remarks>
    public const int DefaultChunkSize = 8192;

    /// <summary>log p(y | context) per event, [N], evaluated chunk by chunk without gradient.</summary>
    public static Tensor LogProb(IConditionalDensity density, Tensor y, Tensor? context = null, int chunkSize = DefaultChunkSize)
    {
        var columns = context is null ? new[] { y } : new[] { y, context };
        return Map(c => density.LogProb(c[0], c.Length > 1 ? c[1] : null), columns, chunkSize);
    }

    /// <summary>
    /// Applies a per-event function (chunk columns -> [n]) to all events chunk by chunk without gradient and
    /// returns the concatenated [N] result.
    /// </summary>
    public static Tensor Map(Func<Tensor[], Tensor> perEvent, Tensor[] columns, int chunkSize = DefaultChunkSize)
    {
        long count = Rows(columns, chunkSize);
        using var noGrad = no_grad();
        Tensor? result = null;
        foreach (var (start, length) in Ranges(count, chunkSize))
        {
            using var scope = NewDisposeScope();
            var value = perEvent(Slice(columns, start, length));
            if (value.dim() != 1 || value.size(0) != length)
                throw new InvalidOperationException($"The per-event function returned [{string.Join(", ", value.shape)}] for a chunk of {length} events; expected [{length}].");
            if (result is null)
            {
                result = empty(count, dtype: value.dtype, device: value.device);
                result.MoveToOuterDisposeScope();
            }
            result.narrow(0, start, length).copy_(value);
        }
        return result ?? empty(0, dtype: columns[0].dtype, device: columns[0].device);
    }

    /// <summary>The full-batch loss, evaluated chunk by chunk without gradient; chunkLoss returns a scalar for its chunk.</summary>
    public static double Loss(Func<Tensor[], Tensor> chunkLoss, Tensor[] columns, ChunkReduction reduction, int chunkSize = DefaultChunkSize)
    {
        using var noGrad = no_grad();
        return Accumulate(chunkLoss, columns, reduction, chunkSize, backward: false);
    }

    /// <summary>
    /// Forward and backward chunk by chunk, each chunk's loss scaled so that the accumulated gradients equal those of
    /// the full-batch loss (a sum of chunk sums, or the event-weighted mean of chunk means); returns the full-batch loss.
    /// </summary>
    /// <remarks>Gradients are added to the existing .grad of the parameters: zero them first.</remarks>
    public static double AccumulateGradients(Func<Tensor[], Tensor> chunkLoss, Tensor[] columns, ChunkReduction reduction, int chunkSize = DefaultChunkSize) =>
        Accumulate(chunkLoss, columns, reduction, chunkSize, backward: true);

    /// <summary>(start, length) of each chunk of <paramref name="count"/> events.</summary>
    public static IEnumerable<(long Start, long Length)> Ranges(long count, int chunkSize = DefaultChunkSize)
    {
        if (chunkSize < 1) throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "chunkSize must be >= 1.");
        for (long start = 0; start < count; start += chunkSize) yield return (start, Math.Min(chunkSize, count - start));
    }

    private static double Accumulate(Func<Tensor[], Tensor> chunkLoss, Tensor[] columns, ChunkReduction reduction, int chunkSize, bool backward)
    {
        long count = Rows(columns, chunkSize);
        if (count == 0) throw new ArgumentException("A loss over zero events is undefined.", nameof(columns));
        double total = 0;
        foreach (var (start, length) in Ranges(count, chunkSize))
        {
            using var scope = NewDisposeScope();
            var loss = chunkLoss(Slice(columns, start, length));
            if (loss.numel() != 1)
                throw new InvalidOperationException($"The chunk loss must be a scalar, got [{string.Join(", ", loss.shape)}].");
            double weight = reduction == ChunkReduction.Mean ? (double)length / count : 1.0;
            if (backward) loss.mul(weight).backward();
            total += weight * loss.ToDouble();
        }
        return total;
    }

    private static long Rows(Tensor[] columns, int chunkSize)
    {
        if (chunkSize < 1) throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "chunkSize must be >= 1.");
        if (columns.Length == 0) throw new ArgumentException("At least one column is needed.", nameof(columns));
        long count = columns[0].size(0);
        for (int i = 1; i < columns.Length; i++)
            if (columns[i].size(0) != count)
                throw new ArgumentException($"Column {i} has {columns[i].size(0)} rows, column 0 has {count}.", nameof(columns));
        return count;
    }

    private static Tensor[] Slice(Tensor[] columns, long start, long length) => columns.Select(c => c.narrow(0, start, length)).ToArray();
}
