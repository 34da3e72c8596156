using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Inputs;
using FnfDsl.Pipeline.Progress;
using FnfDsl.Pipeline.Stages;
using FnfDsl.Pipeline.Tests.Report;
using FnfDsl.Testing.Toy;
using ToyFnf.Analysis;
using ToyFnf.Toy;

namespace FnfDsl.Samples.Tests;

/// <summary>The toy's generate stage: the toy samples at the run's sizes, seed and injection, with the pipeline's manifest.</summary>
public sealed class GenerateStageTests : IDisposable
{
    private static readonly SampleSizes Sizes = new(NominalPerFlavour: 600, VariationPerShift: 200, DataPerFlavour: 400);
    private readonly TempFolder _folder = new();
    private readonly ToyGenerateStage _stage = new(Sizes);

    public void Dispose() => _folder.Dispose();

    private RunConfig Config(string run, int seed = 3, string? inject = null) =>
        Pipeline.TestRuns.Config(_folder.File(run), RunSettings.Quick, seed, inject);

    private static IReadOnlyList<StageOutcome> Run(RunConfig config) => new StageRunner([new ToyGenerateStage(Sizes)], new LineProgressDisplay(TextWriter.Null)).Run(config);

    [Fact]
    public void ToyConfig_TakesTheRunsSizesSeedAndInjection()
    {
        var toy = _stage.ToyConfigFor(Config("a", seed: 11, inject: "nu_x=1,nu_y=-0.5"));

        Assert.Equal((600, 200, 400.0, 400.0, 11UL), (toy.NominalSize, toy.VariationSize, toy.DataYieldA, toy.DataYieldB, toy.Seed));
        Assert.Equal(new ToyNuisances(VariationX: 1, VariationY: -0.5), toy.InjectedNu);
    }

    [Fact]
    public void PresetSizes_AreTheToyDatasetsOnes()
    {
        var stage = new ToyGenerateStage();

        Assert.Equal(new SampleSizes(20_000, 10_000, 5_000), stage.SizesOf(Config("a")));
        Assert.Equal(new SampleSizes(300_000, 100_000, 50_000), stage.SizesOf(Config("a") with { Settings = RunSettings.Paper }));
    }

    [Fact]
    public void Generate_WritesEverySampleAndAManifestThatValidatesAgainstTheDeclaration()
    {
        var config = Config("a", inject: "nu_x=1,nu_y=-0.5");

        Run(config);

        var artifacts = _stage.Artifacts(config);
        Assert.Equal(12, artifacts.Count);
        Assert.All(artifacts, a => Assert.True(File.Exists(ArtifactPath.Resolve(config.OutDir, a)), a));
        var inputs = AnalysisInputs.Load(ToyAnalysis.Spec, config.InputsPath);
        Assert.Equal(1200, inputs.Nominal().Count);
        Assert.Equal(8 * 200, inputs.Variations().Count);
        var data = inputs.Data();
        Assert.InRange(data.Count, 800 - 5 * Math.Sqrt(800), 800 + 5 * Math.Sqrt(800));
        Assert.Equal(new Dictionary<string, double> { ["A"] = 400, ["B"] = 400 }, inputs.Yields);
        Assert.Equal(1.0, inputs.Truth["VariationX"]);
        Assert.Equal(-0.5, inputs.Truth["VariationY"]);
        Assert.Equal(0.0, inputs.Truth["NormA"]);
        var upX = inputs.Manifest.Variations!.Single(v => v.File == "variation_x_up_A.parquet");
        Assert.Equal(("A", 1.0), (upX.Flavour, upX.Nuisances!["VariationX"]));
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
    public void GivenInputs_SkipTheGenerator()
    {
        var config = Config("a") with { InputsPath = _folder.File("elsewhere/inputs.json") };

        var outcome = Assert.Single(Run(config));

        Assert.False(outcome.Ran);
        Assert.Contains("--inputs", outcome.Reason);
        Assert.False(Directory.Exists(Path.Combine(config.OutDir, ToyGenerateStage.Folder)));
    }
}
