using static TorchSharp.torch;

namespace FnfDsl.Training;

/// <summary>Columns of events (e.g. features y and context x) that share their first dimension, the event index.</summary>
/// <remarks>The dataset does not own its columns: the caller keeps and disposes them.</remarks>
public sealed class TensorDataset
{
    private readonly Tensor[] columns;

    /// <summary>A dataset of the given columns, each [N, ...] with the same N.</summary>
    public TensorDataset(params Tensor[] columns)
    {
        if (columns is null || columns.Length == 0) throw new ArgumentException("A dataset needs at least one column.", nameof(columns));
        for (int i = 0; i < columns.Length; i++)
        {
            if (columns[i] is null) throw new ArgumentNullException(nameof(columns), $"Column {i} is null.");
            if (columns[i].dim() < 1) throw new ArgumentException($"Column {i} is a scalar; columns must be [N, ...].", nameof(columns));
            if (columns[i].size(0) != columns[0].size(0))
                throw new ArgumentException($"Column {i} has {columns[i].size(0)} rows, column 0 has {columns[0].size(0)}.", nameof(columns));
        }
        this.columns = (Tensor[])columns.Clone();
    }

    /// <summary>The columns.</summary>
    public IReadOnlyList<Tensor> Columns => columns;

    /// <summary>Number of events N.</summary>
    public long Count => columns[0].size(0);

    /// <summary>The rows at <paramref name="indices"/> (an int64 index tensor) of every column, as new tensors.</summary>
    public Tensor[] Slice(Tensor indices)
    {
        if (indices.dim() != 1 || indices.dtype != ScalarType.Int64)
            throw new ArgumentException($"indices must be a 1-D int64 tensor, got {indices.dtype} [{string.Join(", ", indices.shape)}].", nameof(indices));
        return columns.Select(c => c.index_select(0, indices)).ToArray();
    }

    /// <summary>Rows start..start+length-1 of every column, as views.</summary>
    public Tensor[] Slice(long start, long length)
    {
        if (start < 0 || length < 0 || start + length > Count)
            throw new ArgumentOutOfRangeException(nameof(length), $"Rows [{start}, {start + length}) are outside the dataset's {Count} rows.");
        return columns.Select(c => c.narrow(0, start, length)).ToArray();
    }
}
