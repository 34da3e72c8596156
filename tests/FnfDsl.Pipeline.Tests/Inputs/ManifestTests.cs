using System.Text.Json;
using System.Text.Json.Nodes;
using FnfDsl.Pipeline.Cli;
using FnfDsl.Pipeline.Inputs;
using FnfDsl.Pipeline.Progress;
using FnfDsl.Testing.Analyses;
using FnfDsl.Pipeline.Tests.Report;
using FnfDsl.Testing.Synthetic;

namespace FnfDsl.Pipeline.Tests.Inputs;

/// <summary>
/// The input manifest checked against the declaration: every problem is reported before any training, all at once, each
/// with its manifest key, file, column and row; a run with bad inputs exits with 2 and writes nothing.
/// </summary>
public sealed class ManifestTests : IDisposable
{
    private static readonly SyntheticSizes Sizes = new(NominalPerFlavour: 50, VariationPerShift: 20, DataPerFlavour: 40);
    private readonly TempFolder _folder = new();
    private readonly string _manifest;

    public ManifestTests() => _manifest = SyntheticInputs.Write(ToyDeclaration.Spec, _folder.File("inputs"), Sizes, seed: 1, extension: ".csv");

    public void Dispose() => _folder.Dispose();

    private string InputFile(string name) => Path.Combine(Path.GetDirectoryName(_manifest)!, name);

    private IReadOnlyList<InputProblem> Problems()
    {
        var error = Assert.Throws<InputValidationException>(() => AnalysisInputs.Load(ToyDeclaration.Spec, _manifest));
        Assert.Equal(_manifest, error.Manifest);
        foreach (var problem in error.Problems) Assert.Contains(problem.ToString(), error.Message);
        return error.Problems;
    }

    private void EditManifest(Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(File.ReadAllText(_manifest))!.AsObject();
        edit(json);
        File.WriteAllText(_manifest, json.ToJsonString());
    }

    // Replaces the value at 1-based data row `row` of `column` in a CSV input.
    private void EditCell(string file, int row, string column, string value)
    {
        var lines = File.ReadAllLines(InputFile(file));
        int j = Array.IndexOf(lines[0].Split(','), column);
        var cells = lines[row].Split(',');
        cells[j] = value;
        lines[row] = string.Join(',', cells);
        File.WriteAllLines(InputFile(file), lines);
    }

    [Fact]
    public void ValidInputs_LoadAsTheDeclarationsTensors()
    {
        var inputs = AnalysisInputs.Load(ToyDeclaration.Spec, _manifest);

        Assert.Equal(100, inputs.Nominal().Count);
        Assert.Equal(2 * 2 * 2 * 20, inputs.Variations().Count);
        Assert.Equal([1L, 2L], inputs.Data().Y.shape[1..].Prepend(inputs.Data().X.shape[1]).ToArray());
        Assert.Equal(new Dictionary<string, double> { ["A"] = 40, ["B"] = 40 }, inputs.Yields);
    }

    [Fact]
    public void MissingFile_IsNamedWithItsKey()
    {
        File.Delete(InputFile("nominal_B.csv"));

        var problem = Assert.Single(Problems());

        Assert.Equal(("flavours.B.nominal[0]", "nominal_B.csv", "file not found"), (problem.Key, problem.File, problem.Message));
    }

    [Fact]
    public void MissingColumn_IsNamedWithItsFileAndColumn()
    {
        var lines = File.ReadAllLines(InputFile("data.csv"));
        File.WriteAllLines(InputFile("data.csv"), lines.Select(l => string.Join(',', l.Split(',').Take(2))));

        var problem = Assert.Single(Problems());

        Assert.Equal(("data[0]", "data.csv", "y2"), (problem.Key, problem.File, problem.Column));
        Assert.Contains("missing column 'y2' of feature Y2", problem.Message);
    }

    [Theory]
    [InlineData("NaN", "NaN value")]
    [InlineData("1e999", "infinite value")]
    [InlineData("abc", "unparsable number 'abc'")]
    public void BadValue_IsNamedWithItsFileColumnAndRow(string value, string message)
    {
        EditCell("VariationY_up_B.csv", 7, "y1", value);

        var problem = Assert.Single(Problems());

        Assert.Equal(("variations[6].file", "VariationY_up_B.csv", "y1", 7L), (problem.Key, problem.File, problem.Column, problem.Row));
        Assert.Contains(message, problem.Message);
    }

    [Fact]
    public void ValueOutsideTheDeclaredRange_IsNamedWithItsRow()
    {
        // The toy's X is declared with Min = 0.
        EditCell("nominal_A.csv", 12, "x", "-0.5");

        var problem = Assert.Single(Problems());

        Assert.Equal(("flavours.A.nominal[0]", "x", 12L), (problem.Key, problem.Column, problem.Row));
        Assert.Contains("X = -0.5 is below its declared Min = 0", problem.Message);
    }

    [Fact]
    public void EmptySample_IsNamed()
    {
        File.WriteAllText(InputFile("nominal_A.csv"), "x,y1,y2\n");

        var problem = Assert.Single(Problems());

        Assert.Equal(("flavours.A.nominal[0]", "nominal_A.csv"), (problem.Key, problem.File));
        Assert.Contains("no data rows", problem.Message);
    }

    [Fact]
    public void VariationsNamingUnknownNuisancesOrFlavours_AreNamed()
    {
        EditManifest(json =>
        {
            var variations = json["variations"]!.AsArray();
            variations[0]!["nuisances"] = new JsonObject { ["VariationZ"] = 1 };
            variations[1]!["flavour"] = "C";
            variations[2]!["nuisances"] = new JsonObject { ["NormA"] = 1 };
        });

        var problems = Problems();

        Assert.Contains(problems, p => p.Key == "variations[0].nuisances.VariationZ" && p.Message.Contains("is not a declared shape nuisance"));
        Assert.Contains(problems, p => p.Key == "variations[1].flavour" && p.Message.Contains("'C' is not a declared flavour (A, B)"));
        Assert.Contains(problems, p => p.Key == "variations[2].nuisances.NormA" && p.Message.Contains("is a rate nuisance"));
    }

    [Fact]
    public void AShapeNuisanceWithoutVariations_IsNamed()
    {
        EditManifest(json =>
        {
            var kept = json["variations"]!.AsArray().Where(v => v!["nuisances"]!["VariationY"] is null).Select(v => v!.DeepClone()).ToArray();
            json["variations"] = new JsonArray(kept);
        });

        var problem = Assert.Single(Problems());

        Assert.Equal("variations", problem.Key);
        Assert.Contains("shape nuisance VariationY has no variation sample", problem.Message);
    }

    [Fact]
    public void UpAndDownLabels_NameVariationSamples()
    {
        EditManifest(json =>
        {
            foreach (var variation in json["variations"]!.AsArray())
            {
                var nuisances = variation!["nuisances"]!.AsObject();
                if (nuisances["VariationX"] is { } value)
                {
                    variation.AsObject().Remove("nuisances");
                    variation["variation"] = value.GetValue<double>() > 0 ? "VariationXUp" : "VariationXDown";
                }
            }
        });

        var inputs = AnalysisInputs.Load(ToyDeclaration.Spec, _manifest);
        using var nu = inputs.Variations().Nu;
        using var column = nu.select(1, 0).to_type(TorchSharp.torch.ScalarType.Float64).contiguous();
        Assert.Equal([-1.0, 0.0, 1.0], column.data<double>().ToArray().Distinct().Order().ToArray());
    }

    [Fact]
    public void ColumnMapping_ReadsOtherColumnNames()
    {
        foreach (string file in Directory.GetFiles(Path.GetDirectoryName(_manifest)!, "*.csv"))
        {
            var lines = File.ReadAllLines(file);
            lines[0] = lines[0].Replace("y1", "first_feature", StringComparison.Ordinal);
            File.WriteAllLines(file, lines);
        }
        Assert.Contains(Problems(), p => p.Column == "y1");

        EditManifest(json => json["columns"] = new JsonObject { ["Y1"] = "first_feature" });

        Assert.Equal(100, AnalysisInputs.Load(ToyDeclaration.Spec, _manifest).Nominal().Count);
    }

    [Fact]
    public void ManyProblems_AreReportedTogether()
    {
        File.Delete(InputFile("nominal_B.csv"));
        EditCell("data.csv", 3, "y2", "NaN");
        EditManifest(json =>
        {
            json["truth"] = new JsonObject { ["Nonsense"] = 1 };
            json["flavours"]!["A"]!["yield"] = -5;
        });

        var problems = Problems();

        Assert.Equal(["flavours.A.yield", "flavours.B.nominal[0]", "data[0]", "truth.Nonsense"], problems.Select(p => p.Key));
    }

    [Fact]
    public void MalformedManifest_NamesTheLine_AndUnknownKeysAreRefused()
    {
        File.WriteAllText(_manifest, "{\n  \"flavours\": {},\n  \"data\": [\"data.csv\",]\n  \"variations\" []\n}");
        var syntax = Assert.Single(Problems());
        Assert.Contains("line 4", syntax.Message);

        File.WriteAllText(_manifest, """{ "flavours": {}, "variations": [], "data": [], "weights": "w" }""");
        var unknown = Assert.Single(Problems());
        Assert.Contains("weights", unknown.Message);
    }

    [Fact]
    public void BadInputs_ExitWithTwoAndWriteNothing()
    {
        string outDir = _folder.File("run");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "stages.json"), "{ \"kept\": true }");
        EditCell("nominal_A.csv", 2, "y1", "NaN");
        var pipeline = new AnalysisPipeline(ToyDeclaration.Spec);
        var error = new StringWriter();

        int exit = AnalysisCli.Create(pipeline, new LineProgressDisplay(TextWriter.Null))
            .Parse(["run", "--inputs", _manifest, "--out", outDir])
            .Invoke(new System.CommandLine.InvocationConfiguration { Output = TextWriter.Null, Error = error });

        Assert.Equal(AnalysisCli.BadInput, exit);
        Assert.Contains("flavours.A.nominal[0], nominal_A.csv, column 'y1', row 2: NaN value", error.ToString());
        Assert.Equal(["stages.json"], Directory.GetFileSystemEntries(outDir).Select(Path.GetFileName));
        Assert.Equal("{ \"kept\": true }", File.ReadAllText(Path.Combine(outDir, "stages.json")));
    }

    [Fact]
    public void Validate_ChecksAndWritesNothing()
    {
        var pipeline = new AnalysisPipeline(ToyDeclaration.Spec);
        var output = new StringWriter();
        string outDir = _folder.File("never");

        int exit = AnalysisCli.Create(pipeline, new LineProgressDisplay(TextWriter.Null))
            .Parse(["validate", "--inputs", _manifest, "--out", outDir])
            .Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = TextWriter.Null });

        Assert.Equal(AnalysisCli.Success, exit);
        Assert.Contains("inputs valid for ToyDeclaration", output.ToString());
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void RelativePaths_AreRelativeToTheManifestsFolder()
    {
        string elsewhere = Directory.CreateDirectory(_folder.File("cwd")).FullName;
        string previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = elsewhere;
        try
        {
            Assert.Equal(100, AnalysisInputs.Load(ToyDeclaration.Spec, Path.GetRelativePath(elsewhere, _manifest)).Nominal().Count);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Fact]
    public void SchemaFile_NamesEveryMemberOfTheManifest()
    {
        string schema = Path.Combine(AppContext.BaseDirectory, "inputs.schema.json");
        using var document = JsonDocument.Parse(File.ReadAllText(schema));
        var properties = document.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order().ToArray();
        var members = typeof(InputManifest).GetProperties().Where(p => p.DeclaringType == typeof(InputManifest) && p.CanWrite)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order().ToArray();

        Assert.Equal(members, properties);
    }
}
