using FnfDsl.IO;
using Parquet;
using Parquet.Schema;

namespace FnfDsl.Tables;

/// <summary>Reads and writes an <see cref="EventTable"/> as Parquet (Parquet.Net): typed columns, table metadata as key-value metadata.</summary>
public static class ParquetTableFile
{
    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/> atomically; NaN or infinite values are refused before writing.</summary>
    public static void Write(EventTable table, string path)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var column in table.Columns.Where(c => c.Kind == ColumnKind.Double))
        {
            int bad = Array.FindIndex(column.Doubles, v => !double.IsFinite(v));
            if (bad >= 0) throw new DataFileException(path, $"cannot write the non-finite value {column.Doubles[bad]}", column.Name, bad + 1);
        }
        var fields = table.Columns.Select(c => c.Kind == ColumnKind.Double ? (DataField)new DataField<double>(c.Name) : new DataField<int>(c.Name)).ToArray();
        AtomicFile.WriteStream(path, stream => RunSync(() => WriteAsync(table, fields, stream)));
    }

    /// <summary>Reads <paramref name="path"/>, checking it against <paramref name="schema"/> when given; throws <see cref="DataFileException"/> on bad input.</summary>
    public static EventTable Read(string path, TableSchema? schema = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new DataFileException(path, "file not found");
        return RunSync(() => ReadAsync(path, schema));
    }

    private static async Task WriteAsync(EventTable table, DataField[] fields, Stream stream)
    {
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream).ConfigureAwait(false);
        writer.CustomMetadata = table.Metadata.ToDictionary();
        using var group = writer.CreateRowGroup();
        for (int j = 0; j < fields.Length; j++)
        {
            var column = table.Columns[j];
            if (column.Kind == ColumnKind.Double)
                await group.WriteAsync<double>(fields[j], column.Doubles.AsMemory()).ConfigureAwait(false);
            else
                await group.WriteAsync<int>(fields[j], column.Ints.AsMemory()).ConfigureAwait(false);
        }
    }

    private static async Task<EventTable> ReadAsync(string path, TableSchema? schema)
    {
        await using var stream = File.OpenRead(path);
        if (stream.Length == 0) throw new DataFileException(path, "empty file (0 bytes)");
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(stream).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not DataFileException)
        {
            throw new DataFileException(path, $"not a readable Parquet file: {e.Message}", inner: e);
        }
        await using (reader)
        {
            var fields = reader.Schema.GetDataFields();
            var names = fields.Select(f => f.Name).ToArray();
            schema?.CheckColumnNames(names, path);
            long rowCount = reader.RowGroups.Sum(g => g.RowCount);
            if (rowCount == 0) throw new DataFileException(path, "no data rows");
            if (rowCount > int.MaxValue) throw new DataFileException(path, $"{rowCount} rows is more than one table can hold");

            var columns = new List<TableColumn>(fields.Length);
            foreach (var field in fields)
            {
                var wanted = schema?.Find(field.Name)?.Kind;
                try
                {
                    columns.Add(await ReadColumnAsync(reader, field, (int)rowCount, wanted, path).ConfigureAwait(false));
                }
                catch (Exception e) when (e is not DataFileException)
                {
                    throw new DataFileException(path, $"cannot read the column: {e.Message}", field.Name, inner: e);
                }
            }
            var table = new EventTable(columns, reader.CustomMetadata);
            schema?.Check(table, path);
            return table;
        }
    }

    private static async Task<TableColumn> ReadColumnAsync(ParquetReader reader, DataField field, int rowCount, ColumnKind? wanted, string path)
    {
        Type type = field.ClrType;
        bool isInteger = type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte);
        bool isFloating = type == typeof(double) || type == typeof(float);
        if (field.IsArray || !(isInteger || isFloating))
            throw new DataFileException(path, $"unsupported column type {type.Name}{(field.IsArray ? "[]" : "")}: expected double, float or integer values", field.Name);
        if (wanted == ColumnKind.Int && !isInteger)
            throw new DataFileException(path, $"holds {type.Name} values but integers are expected", field.Name);

        double[] values = await ReadAsDoublesAsync(reader, field, rowCount, path).ConfigureAwait(false);
        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i])) throw new DataFileException(path, "NaN value", field.Name, i + 1);
            if (double.IsInfinity(values[i])) throw new DataFileException(path, "infinite value", field.Name, i + 1);
        }
        if (isInteger && wanted != ColumnKind.Double)
        {
            var ints = new int[values.Length];
            for (int i = 0; i < ints.Length; i++)
            {
                if (values[i] < int.MinValue || values[i] > int.MaxValue)
                    throw new DataFileException(path, $"integer {values[i]} does not fit in 32 bits", field.Name, i + 1);
                ints[i] = (int)values[i];
            }
            return TableColumn.Of(field.Name, ints);
        }
        return TableColumn.Of(field.Name, values);
    }

    // Every supported physical type is read through one path: into its own array, row group by row group,
    // then widened to double (exact for float, int and |long| < 2^53; larger longs are rejected as ints above).
    private static async Task<double[]> ReadAsDoublesAsync(ParquetReader reader, DataField field, int rowCount, string path)
    {
        Type type = field.ClrType;
        if (type == typeof(double)) return await ReadTypedAsync<double>(reader, field, rowCount, path, v => v).ConfigureAwait(false);
        if (type == typeof(float)) return await ReadTypedAsync<float>(reader, field, rowCount, path, v => v).ConfigureAwait(false);
        if (type == typeof(int)) return await ReadTypedAsync<int>(reader, field, rowCount, path, v => v).ConfigureAwait(false);
        if (type == typeof(long)) return await ReadTypedAsync<long>(reader, field, rowCount, path, v => v).ConfigureAwait(false);
        if (type == typeof(short)) return await ReadTypedAsync<short>(reader, field, rowCount, path, v => v).ConfigureAwait(false);
        return await ReadTypedAsync<byte>(reader, field, rowCount, path, v => v).ConfigureAwait(false);
    }

    private static async Task<double[]> ReadTypedAsync<T>(ParquetReader reader, DataField field, int rowCount, string path, Func<T, double> widen)
        where T : struct
    {
        var result = new double[rowCount];
        int offset = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int n = checked((int)group.RowCount);
            if (field.IsNullable)
            {
                var buffer = new T?[n];
                await group.ReadAsync<T>(field, buffer.AsMemory()).ConfigureAwait(false);
                for (int i = 0; i < n; i++)
                {
                    result[offset + i] = buffer[i] is T value
                        ? widen(value)
                        : throw new DataFileException(path, "missing (null) value", field.Name, offset + i + 1);
                }
            }
            else
            {
                var buffer = new T[n];
                await group.ReadAsync<T>(field, buffer.AsMemory()).ConfigureAwait(false);
                for (int i = 0; i < n; i++) result[offset + i] = widen(buffer[i]);
            }
            offset += n;
        }
        return result;
    }

    // Parquet.Net is async-only; the public API here is synchronous. Running on the thread pool avoids
    // deadlocks under a single-threaded synchronisation context.
    private static void RunSync(Func<Task> work) => Task.Run(work).GetAwaiter().GetResult();

    private static T RunSync<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();
}
