using FnfDsl.IO;
using System.Globalization;
using System.Text;

namespace FnfDsl.Tables;

/// <summary>Reads and writes an <see cref="EventTable"/> as CSV: a header row of names, comma separators, invariant culture.</summary>
/// <remarks>
/// Doubles are written in the shortest form that round-trips ("R"), so a write and read give bitwise-equal values.
/// CSV carries no types: a reader takes column kinds from the schema and reads undeclared columns as doubles.
/// Table metadata is not stored in CSV (use Parquet to keep it). Fields are never quoted.
/// </remarks>
public static class CsvTableFile
{
    private const char Separator = ',';

    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/> atomically; a NaN or infinite value aborts the write.</summary>
    public static void Write(EventTable table, string path)
    {
        ArgumentNullException.ThrowIfNull(table);
        AtomicFile.WriteStream(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\n" };
            writer.WriteLine(string.Join(Separator, table.ColumnNames));
            var line = new StringBuilder();
            for (int row = 0; row < table.RowCount; row++)
            {
                line.Clear();
                for (int j = 0; j < table.Columns.Count; j++)
                {
                    if (j > 0) line.Append(Separator);
                    AppendValue(line, table.Columns[j], row, path);
                }
                writer.WriteLine(line);
            }
        });
    }

    /// <summary>Reads <paramref name="path"/>, checking it against <paramref name="schema"/> when given; throws <see cref="DataFileException"/> on bad input.</summary>
    public static EventTable Read(string path, TableSchema? schema = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new DataFileException(path, "file not found");
        var lines = File.ReadAllLines(path).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        if (lines.Count == 0) throw new DataFileException(path, "empty file: no header row and no data rows");

        string[] names = lines[0].Split(Separator).Select(n => n.Trim()).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (name.Length == 0) throw new DataFileException(path, "the header has an empty column name");
            if (!seen.Add(name)) throw new DataFileException(path, $"the header names column '{name}' twice", column: name);
        }
        schema?.CheckColumnNames(names, path);
        int rowCount = lines.Count - 1;
        if (rowCount == 0) throw new DataFileException(path, "no data rows (only a header)");

        var kinds = names.Select(n => schema?.Find(n)?.Kind ?? ColumnKind.Double).ToArray();
        var doubles = new double[names.Length][];
        var ints = new int[names.Length][];
        for (int j = 0; j < names.Length; j++)
        {
            if (kinds[j] == ColumnKind.Double) doubles[j] = new double[rowCount];
            else ints[j] = new int[rowCount];
        }

        for (int i = 0; i < rowCount; i++)
        {
            long dataRow = i + 1;
            string[] cells = lines[i + 1].Split(Separator);
            if (cells.Length != names.Length)
                throw new DataFileException(path, $"wrong column count: {cells.Length} values but the header has {names.Length} columns", row: dataRow);
            for (int j = 0; j < names.Length; j++)
            {
                string cell = cells[j].Trim();
                if (kinds[j] == ColumnKind.Double) doubles[j][i] = ParseDouble(cell, path, names[j], dataRow);
                else ints[j][i] = ParseInt(cell, path, names[j], dataRow);
            }
        }

        var columns = names.Select((n, j) => kinds[j] == ColumnKind.Double ? TableColumn.Of(n, doubles[j]) : TableColumn.Of(n, ints[j]));
        var table = new EventTable(columns);
        schema?.Check(table, path);
        return table;
    }

    private static void AppendValue(StringBuilder line, TableColumn column, int row, string path)
    {
        if (column.Kind == ColumnKind.Int)
        {
            line.Append(column.Ints[row].ToString(CultureInfo.InvariantCulture));
            return;
        }
        double value = column.Doubles[row];
        if (!double.IsFinite(value))
            throw new DataFileException(path, $"cannot write the non-finite value {value.ToString(CultureInfo.InvariantCulture)}", column.Name, row + 1);
        line.Append(value.ToString("R", CultureInfo.InvariantCulture));
    }

    private static double ParseDouble(string cell, string path, string column, long row)
    {
        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw new DataFileException(path, $"unparsable number '{cell}'", column, row);
        if (double.IsNaN(value)) throw new DataFileException(path, "NaN value", column, row);
        if (double.IsInfinity(value)) throw new DataFileException(path, $"infinite value '{cell}'", column, row);
        return value;
    }

    private static int ParseInt(string cell, string path, string column, long row) =>
        int.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new DataFileException(path, $"unparsable integer '{cell}'", column, row);
}
