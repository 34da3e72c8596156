namespace FnfDsl.Tables;

/// <summary>A column expected in a sample file: its name and storage type.</summary>
public sealed record ColumnSpec(string Name, ColumnKind Kind = ColumnKind.Double);

/// <summary>The columns a sample file must hold, e.g. the variables of an analysis declaration.</summary>
/// <remarks>Readers use it to type CSV columns and to reject files that do not match the declaration.</remarks>
public sealed class TableSchema
{
    /// <summary>A schema of the given columns; with <paramref name="allowExtraColumns"/> other columns are kept instead of rejected.</summary>
    public TableSchema(IEnumerable<ColumnSpec> columns, bool allowExtraColumns = false)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = columns.ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in Columns)
        {
            if (!seen.Add(column.Name)) throw new ArgumentException($"Schema column '{column.Name}' appears twice.", nameof(columns));
        }
        AllowExtraColumns = allowExtraColumns;
    }

    /// <summary>A schema of double columns with the given names (extra columns rejected).</summary>
    public static TableSchema Of(params string[] names) => new(names.Select(n => new ColumnSpec(n)));

    /// <summary>The expected columns in order.</summary>
    public IReadOnlyList<ColumnSpec> Columns { get; }

    /// <summary>Whether columns beyond <see cref="Columns"/> are accepted.</summary>
    public bool AllowExtraColumns { get; }

    /// <summary>The same columns, accepting extra ones.</summary>
    public TableSchema WithExtraColumnsAllowed() => new(Columns, allowExtraColumns: true);

    /// <summary>The expected column called <paramref name="name"/>, or null.</summary>
    public ColumnSpec? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <summary>Checks that the file's column names match: the error names the first missing (or unexpected) column and the file.</summary>
    public void CheckColumnNames(IReadOnlyList<string> fileColumns, string file)
    {
        foreach (var expected in Columns)
        {
            if (!fileColumns.Contains(expected.Name))
                throw new DataFileException(file, $"missing column '{expected.Name}' (the file has: {string.Join(", ", fileColumns)})", column: expected.Name);
        }
        if (AllowExtraColumns) return;
        foreach (string name in fileColumns)
        {
            if (Find(name) is null)
                throw new DataFileException(file, $"unexpected column '{name}' (expected: {string.Join(", ", Columns.Select(c => c.Name))})", column: name);
        }
    }

    /// <summary>Checks a loaded table against the schema: names and kinds; <paramref name="file"/> names the source in errors.</summary>
    public void Check(EventTable table, string file)
    {
        ArgumentNullException.ThrowIfNull(table);
        CheckColumnNames(table.ColumnNames, file);
        foreach (var expected in Columns)
        {
            var actual = table.Column(expected.Name).Kind;
            if (actual != expected.Kind)
                throw new DataFileException(file, $"column '{expected.Name}' holds {actual} values but {expected.Kind} values are expected", column: expected.Name);
        }
    }
}
