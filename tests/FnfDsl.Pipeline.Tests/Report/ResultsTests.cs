using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Output;
using FnfDsl.Pipeline.Progress;
using FnfDsl.Pipeline.Results;
using FnfDsl.Pipeline.Stages;

namespace FnfDsl.Pipeline.Tests.Report;

/// <summary>results.json: a typed round trip (infinite interval ends included) and its assembly from a run folder.</summary>
public sealed class ResultsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void RunResults_SurviveAJsonRoundTrip()
    {
        var config = TestConfigs.Default(_folder.Path) with { Options = new SortedDictionary<string, string> { ["inject"] = "nu_x=1" } };
        var results = SampleResults.Full(config);
        string path = _folder.File(RunResults.FileName);

        ArtifactJson.Write(path, results);
        var back = ArtifactJson.Read<RunResults>(path);

        Assert.Equal(ArtifactJson.Serialize(results), ArtifactJson.Serialize(back));
        Assert.Equal(RunSettings.Quick, back.Settings);
        Assert.Equal(0.8731, back.Step1!.Nuisances[0].BestFit);
        Assert.Equal(double.NegativeInfinity, back.Step1.Nuisances[1].NinetyFive.Low);
        Assert.Equal(double.PositiveInfinity, back.Step2!.Nuisances[1].NinetyFive.High);
        Assert.Equal(-1.5, back.Hessian!.Matrix[1][0]);
        Assert.Equal(0.9571, back.Hessian.Eigenvectors[1][0]);
        Assert.Equal(5, back.Bootstrap!.Replicas);
        Assert.Equal(1.0, back.Truth["variation_x"]);
        Assert.Equal("nu_x=1", back.Options["inject"]);
        Assert.Equal(results.Fingerprint, back.Fingerprint);
    }

    [Fact]
    public void ResultsJson_IsIndentedCamelCase()
    {
        string json = ArtifactJson.Serialize(SampleResults.Full(TestConfigs.Default(_folder.Path)));

        Assert.Contains("\n  \"mode\": \"quick\"", json);
        Assert.Contains("\"nllAtMinimum\": 10234.5678", json);
        Assert.Contains("\"low\": \"-Infinity\"", json);
    }

    [Fact]
    public void MalformedJson_IsAnErrorNamingTheFile()
    {
        string path = _folder.File("broken.json");
        File.WriteAllText(path, "{ \"mode\": ");

        var error = Assert.Throws<InvalidDataException>(() => ArtifactJson.Read<RunResults>(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Fingerprint_ChangesWithSettingsSeedInputsAndOptionsButNotWithTheFolder()
    {
        var config = TestConfigs.Default(_folder.Path);
        string reference = RunFingerprint.Of(config);

        Assert.Equal(reference, RunFingerprint.Of(config with { OutDir = "/elsewhere", Force = true }));
        Assert.NotEqual(reference, RunFingerprint.Of(config with { Seed = 2 }));
        Assert.NotEqual(reference, RunFingerprint.Of(config with { Settings = RunSettings.Paper }));
        Assert.NotEqual(reference, RunFingerprint.Of(config with { Options = new SortedDictionary<string, string> { ["inject"] = "nu_y=-0.5" } }));
        Assert.NotEqual(reference, RunFingerprint.Of(config with { InputsPath = "/other/inputs.json" }));
        Assert.Equal(64, reference.Length);
    }

    [Fact]
    public void ReplicaSpread_IsTheSampleMeanAndStandardDeviation()
    {
        var spread = ReplicaSpread.Of("nu", [1.0, 2.0, 3.0, 4.0]);

        Assert.Equal(2.5, spread.Mean, 12);
        Assert.Equal(Math.Sqrt(5.0 / 3.0), spread.StdDev, 12);
        Assert.Equal((1.0, 4.0), (spread.Min, spread.Max));
    }

    [Fact]
    public void ReportStage_CollectsSectionsTimingsAndArtifacts()
    {
        var fit = new FakeStage("fit", "results/step1.json")
        {
            Content = _ => ArtifactJson.Serialize(SampleResults.Step1),
        };
        var runner = new StageRunner([new FakeStage("generate", "data/data.txt"), fit, new ReportStage([])], new LineProgressDisplay(TextWriter.Null));
        var config = TestConfigs.Default(_folder.Path);

        runner.Run(config);
        var results = ArtifactJson.Read<RunResults>(_folder.File(RunResults.FileName));

        Assert.Equal(-0.4412, results.Step1!.Nuisances[1].BestFit);
        Assert.Null(results.Step2);
        Assert.Null(results.Hessian);
        Assert.Equal(["generate", "fit"], results.Timings.Select(t => t.Stage));
        Assert.Equal(["data/data.txt", "results/step1.json", "results.json", "report.html"], results.Artifacts);
        Assert.Equal(RunFingerprint.Of(config), results.Fingerprint);
        Assert.False(string.IsNullOrEmpty(results.Versions.TorchSharp));
        Assert.True(File.Exists(_folder.File("report.html")));
    }
}
