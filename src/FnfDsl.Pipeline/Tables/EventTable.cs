namespace FnfDsl.Tables;

/// <summary>A column-oriented sample of events: named double or integer columns of equal length, plus string metadata.</summary>
/// <remarks>
/// The runtime builds tensors from the columns (<see cref="ToRowMajor"/> gives an [N, D] block in one array);
/// metadata records how the sample was made (sample kind, flavour, nuisance values, seed) and travels in Parquet files.
/// </remarks>
public sealed class EventTable
{
    private readonly TableColumn[] _columns;
    private readonly Dictionary<string, TableColumn> _byName;

    /// <summary>A table of the given columns (all the same length, unique names) and optional metadata.</summary>
    public EventTable(IEnumerable<TableColumn> columns, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns.ToArray();
        _byName = new Dictionary<string, TableColumn>(StringComparer.Ordinal);
        foreach (var column in _columns)
        {
            if (!_byName.TryAdd(column.Name, column))
                throw new ArgumentException($"Column '{column.Name}' appears twice.", nameof(columns));
        }
        RowCount = _columns.Length == 0 ? 0 : _columns[0].Length;
        foreach (var column in _columns)
        {
            if (column.Length != RowCount)
                throw new ArgumentException(
                    $"Column '{column.Name}' has {column.Length} rows but column '{_columns[0].Name}' has {RowCount}.", nameof(columns));
        }
        Metadata = new SortedDictionary<string, string>(
            metadata is null ? new Dictionary<string, string>() : metadata.ToDictionary(), StringComparer.Ordinal);
    }

    /// <summary>Number of events.</summary>
    public int RowCount { get; }

    /// <summary>The columns in their stored order.</summary>
    public IReadOnlyList<TableColumn> Columns => _columns;

    /// <summary>The column names in their stored order.</summary>
    public IReadOnlyList<string> ColumnNames => Array.ConvertAll(_columns, c => c.Name);

    /// <summary>How the sample was made (e.g. "sample", "flavour", "nu.variation_x", "seed"); sorted by key.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>True if a column called <paramref name="name"/> exists.</summary>
    public bool HasColumn(string name) => _byName.ContainsKey(name);

    /// <summary>The column called <paramref name="name"/>; the error lists the columns that exist.</summary>
    public TableColumn Column(string name) =>
        _byName.TryGetValue(name, out var column)
            ? column
            : throw new KeyNotFoundException($"No column '{name}' in this table; it has: {string.Join(", ", ColumnNames)}.");

    /// <summary>The stored doubles of a double column.</summary>
    public double[] Doubles(string name) => Column(name).Doubles;

    /// <summary>The stored integers of an integer column.</summary>
    public int[] Ints(string name) => Column(name).Ints;

    /// <summary>The named columns interleaved row by row: element [i * D + j] is row i of column j (an [N, D] block).</summary>
    public double[] ToRowMajor(params string[] names)
    {
        var columns = Array.ConvertAll(names, Column);
        var block = new double[RowCount * columns.Length];
        for (int j = 0; j < columns.Length; j++)
        {
            var values = columns[j].ToDoubles();
            for (int i = 0; i < RowCount; i++) block[i * columns.Length + j] = values[i];
        }
        return block;
    }

    /// <summary>As <see cref="ToRowMajor"/>, converted to float32.</summary>
    public float[] ToRowMajorFloats(params string[] names) => Array.ConvertAll(ToRowMajor(names), v => (float)v);

    /// <summary>A table with only the named columns (in the given order) and the same metadata.</summary>
    public EventTable Select(params string[] names) => new(names.Select(Column), Metadata);

    /// <summary>A table with only the rows at <paramref name="rows"/>, in that order.</summary>
    public EventTable TakeRows(IReadOnlyList<int> rows) => new(_columns.Select(c => c.Take(rows)), Metadata);

    /// <summary>A table with only the rows for which <paramref name="keep"/> is true.</summary>
    public EventTable Where(Func<int, bool> keep) => TakeRows(Enumerable.Range(0, RowCount).Where(keep).ToArray());

    /// <summary>A copy with <paramref name="metadata"/> as its metadata (columns shared).</summary>
    public EventTable WithMetadata(IReadOnlyDictionary<string, string> metadata) => new(_columns, metadata);

    /// <summary>True when both tables have the same columns (names, order, kinds, values); metadata is not compared.</summary>
    public bool ContentEquals(EventTable other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._columns.Length != _columns.Length || other.RowCount != RowCount) return false;
        for (int j = 0; j < _columns.Length; j++)
        {
            if (!_columns[j].ContentEquals(other._columns[j])) return false;
        }
        return true;
    }
}
