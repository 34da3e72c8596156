namespace FnfDsl.Tables;

/// <summary>One named column of an <see cref="EventTable"/>: either doubles or 32-bit integers.</summary>
public sealed class TableColumn
{
    private readonly double[]? _doubles;
    private readonly int[]? _ints;

    private TableColumn(string name, double[]? doubles, int[]? ints)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A column needs a non-empty name.", nameof(name));
        if (name.Contains(',') || name.Contains('"') || name.Contains('\n') || name.Contains('\r'))
            throw new ArgumentException($"Column name '{name}' must not contain commas, quotes or line breaks.", nameof(name));
        Name = name;
        _doubles = doubles;
        _ints = ints;
    }

    /// <summary>A double column (the array is kept, not copied).</summary>
    public static TableColumn Of(string name, double[] values) =>
        new(name, values ?? throw new ArgumentNullException(nameof(values)), null);

    /// <summary>An integer column (the array is kept, not copied).</summary>
    public static TableColumn Of(string name, int[] values) =>
        new(name, null, values ?? throw new ArgumentNullException(nameof(values)));

    /// <summary>The column's name.</summary>
    public string Name { get; }

    /// <summary>Double or Int.</summary>
    public ColumnKind Kind => _doubles is not null ? ColumnKind.Double : ColumnKind.Int;

    /// <summary>Number of values.</summary>
    public int Length => _doubles?.Length ?? _ints!.Length;

    /// <summary>The stored doubles; throws for an integer column (use <see cref="ToDoubles"/>).</summary>
    public double[] Doubles => _doubles ?? throw new InvalidOperationException($"Column '{Name}' holds integers, not doubles.");

    /// <summary>The stored integers; throws for a double column.</summary>
    public int[] Ints => _ints ?? throw new InvalidOperationException($"Column '{Name}' holds doubles, not integers.");

    /// <summary>The values as doubles (the stored array for a double column, a converted copy for an integer column).</summary>
    public double[] ToDoubles() => _doubles ?? Array.ConvertAll(_ints!, v => (double)v);

    /// <summary>The values as floats (a converted copy), for float32 tensors.</summary>
    public float[] ToFloats() => _doubles is not null ? Array.ConvertAll(_doubles, v => (float)v) : Array.ConvertAll(_ints!, v => (float)v);

    /// <summary>The value at <paramref name="row"/> as a double.</summary>
    public double GetDouble(int row) => _doubles is not null ? _doubles[row] : _ints![row];

    /// <summary>A column with only the rows at <paramref name="rows"/>, in that order.</summary>
    public TableColumn Take(IReadOnlyList<int> rows)
    {
        if (_doubles is not null)
        {
            var values = new double[rows.Count];
            for (int i = 0; i < values.Length; i++) values[i] = _doubles[rows[i]];
            return Of(Name, values);
        }
        var ints = new int[rows.Count];
        for (int i = 0; i < ints.Length; i++) ints[i] = _ints![rows[i]];
        return Of(Name, ints);
    }

    /// <summary>True when both columns have the same name, kind and bitwise-equal values.</summary>
    public bool ContentEquals(TableColumn other) =>
        Name == other.Name && Kind == other.Kind &&
        (_doubles is not null
            ? _doubles.AsSpan().SequenceEqual(other._doubles) // double.Equals: bitwise-equal for finite values
            : _ints.AsSpan().SequenceEqual(other._ints));
}
