using System.Globalization;
using System.Text;
using FnfDsl.Samples.Tests.Report;
using ToyFnf.Configuration;
using FnfDsl.Testing.Toy;
using FnfDsl.Tables;
using ToyFnf.Inputs;
using ToyFnf.Output;
using ToyFnf.Progress;
using ToyFnf.Stages;

namespace FnfDsl.Samples.Tests.Pipeline;

/// <summary>
/// Bad input files stop train-nominal before any training, with an error naming the file, the column and the row,
/// and leave every earlier output (the generate stage's files, stages.json) as it was.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class BadInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void MissingColumn_IsNamedWithItsFile()
    {
        var error = FailTrainNominal("nominal_A", table => Csv(table, drop: ToyColumns.Y2));

        Assert.EndsWith("nominal_A.csv", error.File);
        Assert.Equal(ToyColumns.Y2, error.Column);
        Assert.Contains("missing column 'y2'", error.Message);
    }

    [Fact]
    public void NaN_IsNamedWithItsFileColumnAndRow()
    {
        var error = FailTrainNominal("variation_y_up_B", table => Csv(table, replace: (7, ToyColumns.Y1, "NaN")));

        Assert.EndsWith("variation_y_up_B.csv", error.File);
        Assert.Equal((ToyColumns.Y1, 7L), (error.Column, error.Row));
        Assert.Contains("row 7, column 'y1': NaN value", error.Message);
    }

    [Fact]
    public void Infinity_IsNamedWithItsFileColumnAndRow()
    {
        var error = FailTrainNominal(ToySamples.DataName, table => Csv(table, replace: (3, ToyColumns.X, "1e999")));

        Assert.EndsWith("data.csv", error.File);
        Assert.Equal((ToyColumns.X, 3L), (error.Column, error.Row));
        Assert.Contains("infinite value", error.Message);
    }

    [Fact]
    public void EmptyFile_IsNamed()
    {
        var error = FailTrainNominal("nominal_B", _ => null);

        Assert.EndsWith("nominal_B.parquet", error.File);
        Assert.Contains("empty file", error.Message);
    }

    [Fact]
    public void ColumnsNotMatchingTheDeclaration_AreNamed()
    {
        // "Y1" is the declared variable's name, but the declaration reads it from the column "y1".
        var error = FailTrainNominal("variation_x_down_A", table => Csv(table, rename: (ToyColumns.Y1, "Y1")));

        Assert.EndsWith("variation_x_down_A.csv", error.File);
        Assert.Equal(ToyColumns.Y1, error.Column);
        Assert.Contains("missing column 'y1'", error.Message);
    }

    [Fact]
    public void ASampleOfTheWrongFlavour_IsNamedWithItsRow()
    {
        // nominal_A's file holding flavour-B events: the columns match, the sample does not.
        var error = FailTrainNominal("nominal_A", table => Csv(table, replace: (12, ToyColumns.Flavour, "1")));

        Assert.EndsWith("nominal_A.csv", error.File);
        Assert.Equal((ToyColumns.Flavour, 12L), (error.Column, error.Row));
        Assert.Contains("flavour A", error.Message);
    }

    /// <summary>
    /// Generates a tiny run, replaces <paramref name="sample"/>'s file by <paramref name="corrupt"/>'s CSV text (listed in the
    /// manifest instead of the Parquet file; null leaves an empty Parquet file), runs train-nominal and returns its error after
    /// checking that it wrote nothing and touched no earlier output.
    /// </summary>
    private DataFileException FailTrainNominal(string sample, Func<EventTable, string?> corrupt)
    {
        var config = TestRuns.Config(_folder.File("run"), TestRuns.Tiny with { Samples = new SampleSizes(300, 100, 200) });
        TestRuns.Run(config, "generate");
        string folder = Path.Combine(config.OutDir, ToyInputs.Folder);
        var manifest = ToyManifest.Read(folder);
        var entry = manifest.Files.Single(f => f.Sample == sample);
        var table = TableFile.Read(Path.Combine(folder, entry.File));
        string? text = corrupt(table);
        if (text is null) File.WriteAllBytes(Path.Combine(folder, entry.File), []);
        else
        {
            File.Delete(Path.Combine(folder, entry.File));
            File.WriteAllText(Path.Combine(folder, sample + ".csv"), text);
            (manifest with { Files = manifest.Files.Select(f => f == entry ? f with { File = sample + ".csv" } : f).ToList() }).Write(folder);
        }
        var before = Snapshot(config.OutDir);

        var error = Assert.Throws<DataFileException>(() => new TrainNominalStage().Run(new StageContext(config, new Sink())));

        Assert.Equal(before, Snapshot(config.OutDir));
        Assert.False(Directory.Exists(Path.Combine(config.OutDir, ModelFile.Folder)), "train-nominal wrote models before failing");
        Assert.Equal(["generate"], StageState.Load(config.OutDir).Stages.Keys);
        return error;
    }

    /// <summary>The table as CSV text, optionally without one column, with one column renamed, or with one cell (1-based data row) replaced.</summary>
    private static string Csv(EventTable table, string? drop = null, (string From, string To)? rename = null, (int Row, string Column, string Text)? replace = null)
    {
        var columns = table.ColumnNames.Where(c => c != drop).ToList();
        var text = new StringBuilder(string.Join(",", columns.Select(c => c == rename?.From ? rename.Value.To : c))).Append('\n');
        for (int row = 0; row < table.RowCount; row++)
        {
            text.Append(string.Join(",", columns.Select(c =>
                replace is { } r && r.Row == row + 1 && r.Column == c ? r.Text
                : table.Column(c).Kind == ColumnKind.Int ? table.Ints(c)[row].ToString(CultureInfo.InvariantCulture)
                : table.Doubles(c)[row].ToString("R", CultureInfo.InvariantCulture))));
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Every file of the run folder with its bytes, by relative path.</summary>
    private static SortedDictionary<string, string> Snapshot(string outDir) =>
        new(Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(outDir, f), f => Convert.ToBase64String(File.ReadAllBytes(f))), StringComparer.Ordinal);

    /// <summary>A progress sink that discards everything.</summary>
    private sealed class Sink : IProgressSink
    {
        public IProgress<StageProgress> Track(string label) => new Progress<StageProgress>();

        public void Log(string text) { }
    }
}
