using ToyFnf.Configuration;
using FnfDsl.Testing.Toy;
using FnfDsl.Tables;
using ToyFnf.Inputs;
using ToyFnf.Plots;
using ToyFnf.Progress;
using ToyFnf.Stages;

namespace FnfDsl.Samples.Tests.Report;

/// <summary>The generate stage: the toy samples at the run's sizes, seed and injection, or validated copies of --data-dir, and figure (a).</summary>
public sealed class GenerateStageTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly GenerateStage _stage = new();

    public void Dispose() => _folder.Dispose();

    private RunConfig Config(string run, int seed = 3, IReadOnlyDictionary<string, double>? injected = null, string? dataDir = null) =>
        RunConfig.Default(_folder.File(run)) with
        {
            Settings = RunSettings.Quick with { Samples = new SampleSizes(NominalPerFlavour: 600, VariationPerShift: 200, DataPerFlavour: 400) },
            Seed = seed,
            Injected = injected ?? new SortedDictionary<string, double>(StringComparer.Ordinal),
            DataDir = dataDir,
        };

    private static IReadOnlyList<StageOutcome> Run(RunConfig config) => new StageRunner([new GenerateStage()], new LineProgressDisplay(TextWriter.Null)).Run(config);

    [Fact]
    public void ToyConfig_TakesTheRunsSizesSeedAndInjection()
    {
        var toy = GenerateStage.ToyConfigFor(Config("a", seed: 11, injected: new SortedDictionary<string, double> { ["variation_x"] = 1, ["variation_y"] = -0.5 }));

        Assert.Equal((600, 200, 400.0, 400.0, 11UL), (toy.NominalSize, toy.VariationSize, toy.DataYieldA, toy.DataYieldB, toy.Seed));
        Assert.Equal(new ToyNuisances(VariationX: 1, VariationY: -0.5), toy.InjectedNu);
    }

    [Fact]
    public void Generate_WritesEverySampleTheManifestAndFigureA()
    {
        var config = Config("a", injected: new SortedDictionary<string, double> { ["variation_x"] = 1, ["variation_y"] = -0.5 });

        Run(config);

        var artifacts = _stage.Artifacts(config);
        Assert.Equal(13, artifacts.Count);
        Assert.All(artifacts, a => Assert.True(File.Exists(ArtifactPath.Resolve(config.OutDir, a)), a));
        var inputs = ToyInputs.Open(config.OutDir);
        Assert.Equal(600, inputs.Nominal(ToyFlavour.A).RowCount);
        Assert.Equal(200, inputs.Variation("variation_y", -1, ToyFlavour.B).RowCount);
        var data = inputs.Data();
        Assert.InRange(data.RowCount, 800 - 5 * Math.Sqrt(800), 800 + 5 * Math.Sqrt(800));
        Assert.Equal(new ToyNuisances(VariationX: 1, VariationY: -0.5), ToyGenerator.NuisancesOf(data));
        Assert.Equal(3UL, inputs.Manifest.Seed);
        PngImage.AssertValid(ArtifactPath.Resolve(config.OutDir, Figures.DataVsSimulation.PathFor()), 2 * PlotFile.PanelWidth, GenerateStage.FigureXBins * 460);
    }

    [Fact]
    public void Generate_IsReproducibleAndDependsOnTheSeed()
    {
        Run(Config("a", seed: 3));
        Run(Config("b", seed: 3));
        Run(Config("c", seed: 4));

        byte[] Data(string run) => File.ReadAllBytes(_folder.File($"{run}/data/data.parquet"));
        Assert.Equal(Data("a"), Data("b"));
        Assert.NotEqual(Data("a"), Data("c"));
        string Hash(string run) => StageState.Load(_folder.File(run)).Stages["generate"].OutputHash;
        Assert.Equal(Hash("a"), Hash("b"));
    }

    [Fact]
    public void DataDir_InputsAreValidatedCopiedAndWatched()
    {
        var source = Config("source");
        Run(source);
        string sourceData = Path.Combine(source.OutDir, ToyInputs.Folder);
        var copy = Config("copy") with { DataDir = sourceData };

        var first = Run(copy);
        var again = Run(copy);
        // Replacing an input file by another valid sample changes the fingerprint: generate reruns.
        File.Copy(Path.Combine(sourceData, "nominal_A.parquet"), Path.Combine(sourceData, "nominal_B.parquet"), overwrite: true);
        var afterEdit = Run(copy);

        Assert.True(first[0].Ran);
        Assert.False(again[0].Ran);
        Assert.Equal("settings changed", afterEdit[0].Reason);
        foreach (string file in Directory.GetFiles(sourceData, "*.parquet"))
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(copy.OutDir, ToyInputs.Folder, Path.GetFileName(file))));
    }

    [Fact]
    public void DataDir_WithABadFile_FailsNamingItAndWritesNoRecord()
    {
        var source = Config("source");
        Run(source);
        string sourceData = Path.Combine(source.OutDir, ToyInputs.Folder);
        // A variation sample in place of the data: the data schema (truth columns) rejects it.
        File.Copy(Path.Combine(sourceData, "variation_x_up_A.parquet"), Path.Combine(sourceData, "data.parquet"), overwrite: true);
        var copy = Config("copy") with { DataDir = sourceData };

        var error = Assert.Throws<StageFailedException>(() => Run(copy));

        var inner = Assert.IsType<DataFileException>(error.InnerException);
        Assert.EndsWith("data.parquet", inner.File);
        Assert.Empty(StageState.Load(copy.OutDir).Stages);
    }

    [Fact]
    public void DataDir_WithoutManifest_IsAnErrorBeforeAnythingRuns()
    {
        var config = Config("copy") with { DataDir = _folder.File("empty") };

        var error = Assert.Throws<DataFileException>(() => Run(config));

        Assert.Contains("manifest.json", error.Message);
    }
}
