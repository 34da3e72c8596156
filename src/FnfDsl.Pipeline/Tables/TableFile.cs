namespace FnfDsl.Tables;

/// <summary>The on-disk formats of a sample.</summary>
public enum TableFormat
{
    /// <summary>Apache Parquet (typed, keeps metadata); extension ".parquet".</summary>
    Parquet,

    /// <summary>Comma-separated values with a header row; extension ".csv".</summary>
    Csv,
}

/// <summary>Reads and writes a sample in the format its file extension names (.parquet or .csv).</summary>
public static class TableFile
{
    /// <summary>The file extension of <paramref name="format"/>, with the dot.</summary>
    public static string Extension(TableFormat format) => format == TableFormat.Parquet ? ".parquet" : ".csv";

    /// <summary>The format named by the extension of <paramref name="path"/>.</summary>
    public static TableFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".parquet" => TableFormat.Parquet,
        ".csv" => TableFormat.Csv,
        var other => throw new DataFileException(path, $"unknown sample file extension '{other}': use .parquet or .csv"),
    };

    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/> atomically, in the format of its extension.</summary>
    public static void Write(EventTable table, string path)
    {
        if (FormatOf(path) == TableFormat.Parquet) ParquetTableFile.Write(table, path);
        else CsvTableFile.Write(table, path);
    }

    /// <summary>Reads <paramref name="path"/> in the format of its extension, validated against <paramref name="schema"/> when given.</summary>
    public static EventTable Read(string path, TableSchema? schema = null) =>
        FormatOf(path) == TableFormat.Parquet ? ParquetTableFile.Read(path, schema) : CsvTableFile.Read(path, schema);
}
