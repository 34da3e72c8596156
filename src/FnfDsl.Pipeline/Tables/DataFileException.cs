namespace FnfDsl.Tables;

/// <summary>A sample file that cannot be read or does not match what is expected; the message names the file, and the column and 1-based data row where they apply.</summary>
public sealed class DataFileException : Exception
{
    /// <summary>An error about <paramref name="file"/>, optionally at a column and a 1-based data row.</summary>
    public DataFileException(string file, string detail, string? column = null, long? row = null, Exception? inner = null)
        : base(Compose(file, detail, column, row), inner)
    {
        File = file;
        Detail = detail;
        Column = column;
        Row = row;
    }

    /// <summary>The file in question.</summary>
    public string File { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Detail { get; }

    /// <summary>The column in question, if any.</summary>
    public string? Column { get; }

    /// <summary>The 1-based data row (the CSV header is not counted), if any.</summary>
    public long? Row { get; }

    private static string Compose(string file, string detail, string? column, long? row)
    {
        string where = (row, column) switch
        {
            (not null, not null) => $" row {row}, column '{column}'",
            (not null, null) => $" row {row}",
            _ => "",
        };
        return where.Length == 0 ? $"{file}: {detail}" : $"{file}:{where}: {detail}";
    }
}
