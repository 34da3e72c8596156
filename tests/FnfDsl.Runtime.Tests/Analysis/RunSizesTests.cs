using FnfDsl.Analysis;
using FnfDsl.IO;

namespace FnfDsl.Tests.Analysis;

/// Run sizes are an option of the model: applied to a copy of the declaration, recorded in the saved model next to the
/// fingerprint, and checked on load, so a model is never loaded at other sizes than it was trained at.
public sealed class RunSizesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("run-sizes-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly AnalysisSpec Declared = ToyFixture.Spec(yield: 200, bins: 4, hidden: [8]);

    private static readonly RunSizes Small = new()
    {
        Yields = new Dictionary<string, double> { ["A"] = 300 },
        FeatureFlow = new FlowSizes(1, 4, [4]),
        Doi = new FlowSizes(1, 3, [4]),
        HeadHidden = [4],
        ResidualHidden = [4],
    };

    private static AnalysisModel Model(RunSizes? sizes) =>
        new(Declared, Normalization.Unit(1, 2, 2), new AnalysisModelOptions { Seed = 3, Sizes = sizes });

    [Fact]
    public void SizesApplyToTheModelAndLeaveTheDeclarationAndItsFingerprint()
    {
        using var sized = Model(Small);
        using var declared = Model(null);

        Assert.Equal(new[] { 300.0, 200.0 }, sized.Spec.Flavours.Select(f => f.Yield));
        Assert.Equal(new[] { 200.0, 200.0 }, sized.Declaration.Flavours.Select(f => f.Yield));
        Assert.Same(Declared, sized.Declaration);
        Assert.Equal(Declared.Fingerprint, sized.Spec.Fingerprint);
        Assert.Equal(new FlowSizes(1, 4, [4]).Hidden, sized.Spec.FeatureFlow.Hidden);
        Assert.Equal(new[] { 4 }, sized.Spec.ShapeNuisances[1].HeadHidden);
        using (var theta = TorchSharp.torch.zeros(0, dtype: TorchSharp.torch.ScalarType.Float64))
        using (var nu = TorchSharp.torch.zeros(4, dtype: TorchSharp.torch.ScalarType.Float64))
        using (var yields = sized.Mixture.Yields(theta, nu))
            Assert.Equal(new[] { 300.0, 200.0 }, yields.data<double>().ToArray());
        // The networks are built at the run's sizes: fewer parameters everywhere than at the declaration's.
        Assert.True(Count(sized.NominalParameters(false)) < Count(declared.NominalParameters(false)));
        Assert.True(Count(sized.SystematicParameters()) < Count(declared.SystematicParameters()));
        Assert.True(Count(sized.DoiParameters()) < Count(declared.DoiParameters()));
        Assert.True(Count(sized.ResidualParameters()) < Count(declared.ResidualParameters()));
        Assert.Equal("300", sized.Metadata().Sizes["yield.A"]);
        Assert.Equal("1L4B4", sized.Metadata().Sizes["feature_flow"]);
        Assert.Equal("1L4B8", declared.Metadata().Sizes["feature_flow"]);
    }

    [Fact]
    public void AModelLoadsAtTheSizesItWasTrainedAt()
    {
        using var model = Model(Small);
        string path = Path.Combine(_folder, "sized.model");
        model.Save(path);

        using var loaded = AnalysisModel.Load(Declared, path, model.Options);

        Assert.Equal(model.Metadata().Sizes, ModelStore.ReadMetadata(path).Sizes);
        Assert.Equal(model.NominalParameters(false).Select(p => p.data<float>().ToArray()), loaded.NominalParameters(false).Select(p => p.data<float>().ToArray()));
        Assert.Equal(300.0, loaded.Spec.Flavours[0].Yield);
    }

    [Theory]
    [InlineData("yield", "yield.A is 300 in the file but 250 in the model being loaded")]
    [InlineData("feature_flow", "feature_flow is 1L4B4 in the file but 1L4B6 in the model being loaded")]
    [InlineData("declaration", "doi is 1L3B4 in the file but 1L4B8 in the model being loaded")]
    public void AModelIsRefusedAtOtherSizesNamingTheFileAndTheSize(string change, string message)
    {
        using var model = Model(Small);
        string path = Path.Combine(_folder, "sized.model");
        model.Save(path);
        RunSizes? other = change switch
        {
            "yield" => Small with { Yields = new Dictionary<string, double> { ["A"] = 250 } },
            "feature_flow" => Small with { FeatureFlow = new FlowSizes(1, 4, [6]) },
            _ => null, // the declaration's own sizes
        };

        var error = Assert.Throws<ModelFileException>(() => AnalysisModel.Load(Declared, path, model.Options with { Sizes = other }));

        Assert.Equal(path, error.File);
        Assert.Contains(path, error.Message);
        Assert.Contains("trained at other run sizes: " + message, error.Message);
    }

    [Fact]
    public void SizesNamingAnUnknownFlavourOrAnInvalidSizeAreRefused()
    {
        var unknown = Assert.Throws<ArgumentException>(() => (Small with { Yields = new Dictionary<string, double> { ["C"] = 1 } }).Apply(Declared));
        var bins = Assert.Throws<ArgumentException>(() => (Small with { FeatureFlow = new FlowSizes(1, 1, [4]) }).Apply(Declared));

        Assert.Contains("'C', which is not a flavour of 'Toy'", unknown.Message);
        Assert.Contains("at least 2 bins", bins.Message);
    }

    private static long Count(IEnumerable<TorchSharp.Modules.Parameter> parameters) => parameters.Sum(p => p.numel());
}
