namespace FnfDsl.Pipeline.Inputs;

/// <summary>One thing wrong with a run's inputs, located by manifest key, file, column and 1-based data row where they apply.</summary>
/// <param name="Key">The manifest key at fault, e.g. "flavours.A.nominal[0]" ("" for the manifest as a whole).</param>
/// <param name="Message">What is wrong.</param>
/// <param name="File">The file at fault, if any.</param>
/// <param name="Column">The column at fault, if any.</param>
/// <param name="Row">The 1-based data row at fault, if any.</param>
public sealed record InputProblem(string Key, string Message, string? File = null, string? Column = null, long? Row = null)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = new List<string>();
        if (Key.Length > 0) where.Add(Key);
        if (File is not null) where.Add(File);
        if (Column is not null) where.Add($"column '{Column}'");
        if (Row is not null) where.Add($"row {Row}");
        return where.Count == 0 ? Message : $"{string.Join(", ", where)}: {Message}";
    }
}
