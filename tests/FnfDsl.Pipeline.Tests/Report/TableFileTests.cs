using FnfDsl.Testing.Toy;
using FnfDsl.Tables;

namespace FnfDsl.Pipeline.Tests.Report;

/// Parquet and CSV round trips, and a clear error naming file, column and row for every kind of bad input.
public sealed class TableFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("toy-io-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    [Theory]
    [InlineData("sample.parquet")]
    [InlineData("sample.csv")]
    public void SimulationAndDataRoundTripExactly(string name)
    {
        foreach (var (table, schema) in new[]
                 {
                     (ToyGenerator.Simulate(ToyFlavour.B, 500, new ToyNuisances(0.3, -1.7), 5), ToyColumns.Simulation),
                     (ToyGenerator.Data(200, 250, 6, new ToyNuisances(NormA: 1)), ToyColumns.Data),
                 })
        {
            string path = PathOf(name);
            TableFile.Write(table, path);
            var back = TableFile.Read(path, schema);
            Assert.True(table.ContentEquals(back));
            if (name.EndsWith(".parquet")) Assert.Equal(table.Metadata, back.Metadata);
        }
    }

    [Theory]
    [InlineData("awkward.parquet")]
    [InlineData("awkward.csv")]
    public void AwkwardDoublesRoundTripBitwise(string name)
    {
        double[] values = [0.1, 1.0 / 3, -2.5e-300, double.Epsilon, double.MaxValue, -0.0, 123456789.123456789, Math.PI];
        var table = new EventTable([TableColumn.Of("v", values), TableColumn.Of("k", Enumerable.Range(-4, values.Length).ToArray())]);
        TableFile.Write(table, PathOf(name));
        var back = TableFile.Read(PathOf(name), new TableSchema([new("v"), new("k", ColumnKind.Int)]));
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), back.Doubles("v").Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(table.Ints("k"), back.Ints("k"));
    }

    [Fact]
    public void CsvWithoutSchemaReadsEveryColumnAsDouble()
    {
        TableFile.Write(ToyGenerator.Simulate(ToyFlavour.A, 10, default, 1), PathOf("s.csv"));
        var back = CsvTableFile.Read(PathOf("s.csv"));
        Assert.All(back.Columns, c => Assert.Equal(ColumnKind.Double, c.Kind));
        Assert.Equal(new[] { "x", "y1", "y2", "flavour" }, back.ColumnNames);
    }

    [Fact]
    public void CsvMissingColumn()
    {
        File.WriteAllText(PathOf("missing.csv"), "x,y1,flavour\n1,2,0\n");
        var e = Assert.Throws<DataFileException>(() => TableFile.Read(PathOf("missing.csv"), ToyColumns.Simulation));
        AssertNames(e, "missing.csv", "y2", row: null);
    }

    [Fact]
    public void CsvNaN()
    {
        File.WriteAllText(PathOf("nan.csv"), "x,y1,y2\n1,2,3\n4,NaN,6\n");
        var e = Assert.Throws<DataFileException>(() => TableFile.Read(PathOf("nan.csv")));
        AssertNames(e, "nan.csv", "y1", row: 2);
        Assert.Contains("NaN", e.Message);
    }

    [Fact]
    public void CsvInfinity()
    {
        File.WriteAllText(PathOf("inf.csv"), "x,y1,y2\n1,2,3\n4,5,6\n7,8,-Infinity\n");
        var e = Assert.Throws<DataFileException>(() => TableFile.Read(PathOf("inf.csv")));
        AssertNames(e, "inf.csv", "y2", row: 3);
        Assert.Contains("infinite", e.Message);
    }

    [Fact]
    public void CsvUnparsableNumber()
    {
        File.WriteAllText(PathOf("text.csv"), "x,y1,y2\n1,2,3\nabc,5,6\n");
        var e = Assert.Throws<DataFileException>(() => TableFile.Read(PathOf("text.csv")));
        AssertNames(e, "text.csv", "x", row: 2);
        Assert.Contains("'abc'", e.Message);
    }

    [Fact]
    public void CsvUnparsableInteger()
    {
        File.WriteAllText(PathOf("label.csv"), "x,y1,y2,flavour\n1,2,3,0\n1,2,3,0.5\n");
        var e = Assert.Throws<DataFileException>(() => TableFile.Read(PathOf("label.csv"), ToyColumns.Simulation));
        AssertNames(e, "label.csv", "flavour", row: 2);
    }

    [Fact]
    public void CsvWrongColumnCount()
    {
        File.WriteAllText(PathOf("short.csv"), "x,y1,y2\n1,2,3\n4,5,6\n7,8\n");
        var e = Assert.Throws<DataFileException>(() => TableFile.Read(PathOf("short.csv")));
        AssertNames(e, "short.csv", column: null, row: 3);
        Assert.Contains("2 values", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x,y1,y2\n")]
    public void CsvEmptyFile(string content)
    {
        File.WriteAllText(PathOf("empty.csv"), content);
        var e = Assert.Throws<DataFileException>(() => TableFile.Read(PathOf("empty.csv")));
        AssertNames(e, "empty.csv", column: null, row: null);
        Assert.Contains(content.Length == 0 ? "empty file" : "no data rows", e.Message);
    }

    [Fact]
    public void ParquetMissingColumn()
    {
        TableFile.Write(ToyGenerator.Simulate(ToyFlavour.A, 20, default, 1).Select("x", "y1", "flavour"), PathOf("missing.parquet"));
        var e = Assert.Throws<DataFileException>(() => TableFile.Read(PathOf("missing.parquet"), ToyColumns.Simulation));
        AssertNames(e, "missing.parquet", "y2", row: null);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "infinite")]
    public void ParquetNonFiniteValuesAreRejectedWithTheirRow(double bad, string word)
    {
        // The writer refuses non-finite values, so make the file with Parquet.Net directly.
        double[] y1 = [0.5, 1.5, bad, 2.5];
        WriteRawParquet(PathOf("bad.parquet"), [1, 2, 3, 4], y1);
        var e = Assert.Throws<DataFileException>(() => TableFile.Read(PathOf("bad.parquet")));
        AssertNames(e, "bad.parquet", "y1", row: 3);
        Assert.Contains(word, e.Message);
    }

    [Fact]
    public void ParquetEmptyFileAndNoRows()
    {
        File.WriteAllBytes(PathOf("zero.parquet"), []);
        var zero = Assert.Throws<DataFileException>(() => TableFile.Read(PathOf("zero.parquet")));
        AssertNames(zero, "zero.parquet", column: null, row: null);
        Assert.Contains("empty file", zero.Message);

        TableFile.Write(new EventTable([TableColumn.Of("x", Array.Empty<double>())]), PathOf("norows.parquet"));
        var noRows = Assert.Throws<DataFileException>(() => TableFile.Read(PathOf("norows.parquet")));
        AssertNames(noRows, "norows.parquet", column: null, row: null);
        Assert.Contains("no data rows", noRows.Message);
    }

    [Fact]
    public void ParquetGarbageIsAClearError()
    {
        File.WriteAllText(PathOf("garbage.parquet"), "this is not parquet at all");
        var e = Assert.Throws<DataFileException>(() => TableFile.Read(PathOf("garbage.parquet")));
        Assert.Contains("garbage.parquet", e.Message);
        Assert.Contains("not a readable Parquet file", e.Message);
    }

    [Theory]
    [InlineData("decl.parquet")]
    [InlineData("decl.csv")]
    public void ASampleThatDoesNotMatchTheDeclarationNamesTheColumnAndFile(string name)
    {
        TableFile.Write(ToyGenerator.Data(30, 30, 2), PathOf(name));
        var declared = TableSchema.Of("x", "y1", "y2");
        var extra = Assert.Throws<DataFileException>(() => TableFile.Read(PathOf(name), declared));
        AssertNames(extra, name, "flavour_true", row: null);
        Assert.Contains("unexpected column", extra.Message);

        // Accepting extra columns (truth columns in data) passes; a declared column that is absent does not.
        Assert.Equal(ToyColumns.Data.Columns.Count, TableFile.Read(PathOf(name), declared.WithExtraColumnsAllowed()).ColumnNames.Count);
        var missing = Assert.Throws<DataFileException>(() => TableFile.Read(PathOf(name), TableSchema.Of("x", "y1", "y3").WithExtraColumnsAllowed()));
        AssertNames(missing, name, "y3", row: null);
        Assert.Contains("missing column", missing.Message);

        // The same check on a table in memory.
        var table = ToyGenerator.Simulate(ToyFlavour.A, 5, default, 1);
        var inMemory = Assert.Throws<DataFileException>(() => TableSchema.Of("x", "y1", "y2", "z").Check(table, "my-sample"));
        AssertNames(inMemory, "my-sample", "z", row: null);
    }

    [Theory]
    [InlineData("keep.parquet")]
    [InlineData("keep.csv")]
    public void AFailedWriteLeavesTheExistingFileUntouchedAndNoTemporaryFile(string name)
    {
        string path = PathOf(name);
        TableFile.Write(ToyGenerator.Simulate(ToyFlavour.A, 100, default, 1), path);
        byte[] before = File.ReadAllBytes(path);

        // A NaN deep in a column: CSV fails while streaming rows, Parquet during its up-front check.
        var y1 = Enumerable.Range(0, 1000).Select(i => i == 900 ? double.NaN : i * 0.5).ToArray();
        var bad = new EventTable([TableColumn.Of("x", new double[1000]), TableColumn.Of("y1", y1)]);
        var e = Assert.Throws<DataFileException>(() => TableFile.Write(bad, path));
        AssertNames(e, name, "y1", row: 901);

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(new[] { name }, Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void AtomicFileDeletesItsTemporaryFileWhenTheWriterThrows()
    {
        string path = PathOf("atomic.bin");
        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Throws<InvalidOperationException>(() => FnfDsl.IO.AtomicFile.WriteStream(path, stream =>
        {
            stream.Write(new byte[10_000]);
            throw new InvalidOperationException("disk full");
        }));
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void RowMajorBlocksInterleaveColumnsForTensors()
    {
        var table = new EventTable([TableColumn.Of("a", new[] { 1.0, 2.0 }), TableColumn.Of("b", new[] { 10, 20 })]);
        Assert.Equal(new[] { 1.0, 10.0, 2.0, 20.0 }, table.ToRowMajor("a", "b"));
        Assert.Equal(new[] { 10f, 1f, 20f, 2f }, table.ToRowMajorFloats("b", "a"));
    }

    private static void AssertNames(DataFileException e, string file, string? column, long? row)
    {
        Assert.Contains(file, e.Message);
        Assert.Equal(row, e.Row);
        Assert.Equal(column, e.Column);
        if (column is not null) Assert.Contains($"'{column}'", e.Message);
        if (row is not null) Assert.Contains($"row {row}", e.Message);
    }

    private static void WriteRawParquet(string path, double[] x, double[] y1)
    {
        var fx = new Parquet.Schema.DataField<double>("x");
        var fy = new Parquet.Schema.DataField<double>("y1");
        using var stream = File.Create(path);
        Task.Run(async () =>
        {
            await using var writer = await Parquet.ParquetWriter.CreateAsync(new Parquet.Schema.ParquetSchema(fx, fy), stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<double>(fx, x.AsMemory());
            await group.WriteAsync<double>(fy, y1.AsMemory());
        }).GetAwaiter().GetResult();
    }
}
