using FnfDsl.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Tests.IO;

/// Saving and loading modules: bitwise round trip, clear mismatch and corruption errors, atomic saves.
public sealed class ModelStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("model-store-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string ModelPath => Path.Combine(_folder, "model.pt");

    private static nn.Module<Tensor, Tensor> Mlp(long seed, int hidden = 8)
    {
        manual_seed(seed);
        var module = nn.Sequential(nn.Linear(3, hidden), nn.Tanh(), nn.Linear(hidden, 2));
        module.to(ScalarType.Float64);
        return module;
    }

    private static ModelMetadata Metadata(int hidden = 8, string? fingerprint = "decl-1") =>
        new("ConditionalFlow", ModelMetadata.ArchitectureOf(("dims", 3), ("hidden", new[] { hidden }), ("bins", 20), ("dtype", "float64")), fingerprint);

    private static Dictionary<string, double[]> Parameters(nn.Module module) =>
        module.named_parameters().ToDictionary(p => p.name, p => p.parameter.data<double>().ToArray());

    [Fact]
    public void RoundTripRestoresParametersBitwise()
    {
        var saved = Mlp(1);
        var written = ModelStore.Save(saved, ModelPath, Metadata());
        var loaded = Mlp(2);
        Assert.NotEqual(Parameters(saved)["0.weight"], Parameters(loaded)["0.weight"]);

        var stored = ModelStore.Load(loaded, ModelPath, Metadata());

        var before = Parameters(saved);
        var after = Parameters(loaded);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (name, values) in before)
            Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), after[name].Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(written, stored);
        Assert.Equal(64, stored.ContentHash!.Length);
        Assert.Equal(ModelMetadata.CurrentLibraryVersion, stored.LibraryVersion);
        Assert.Equal("8", stored.Architecture["hidden"]);
    }

    [Fact]
    public void MetadataFileIsIndentedJsonWithSortedArchitecture()
    {
        ModelStore.Save(Mlp(1), ModelPath, Metadata());
        string json = File.ReadAllText(ModelStore.MetadataPath(ModelPath));
        Assert.Contains("\n  \"kind\": \"ConditionalFlow\"", json);
        int bins = json.IndexOf("\"bins\""), dims = json.IndexOf("\"dims\""), dtype = json.IndexOf("\"dtype\""), hidden = json.IndexOf("\"hidden\"");
        Assert.True(bins < dims && dims < dtype && dtype < hidden, json);
    }

    [Fact]
    public void ArchitectureMismatchNamesTheKeyAndBothValues()
    {
        ModelStore.Save(Mlp(1), ModelPath, Metadata());
        var expected = Metadata() with { Architecture = ModelMetadata.ArchitectureOf(("dims", 3), ("hidden", new[] { 8 }), ("bins", 30), ("dtype", "float64")) };
        var e = Assert.Throws<ModelFileException>(() => ModelStore.Load(Mlp(2), ModelPath, expected));
        Assert.Contains("model.pt", e.Message);
        Assert.Contains("architecture mismatch: bins is 20 in the file but 30 in the model being loaded", e.Message);

        var missingKey = Metadata() with { Architecture = ModelMetadata.ArchitectureOf(("dims", 3), ("hidden", new[] { 8 }), ("bins", 20), ("dtype", "float64"), ("layers", 2)) };
        var absent = Assert.Throws<ModelFileException>(() => ModelStore.Load(Mlp(2), ModelPath, missingKey));
        Assert.Contains("layers is absent in the file but 2 in the model being loaded", absent.Message);
    }

    [Fact]
    public void KindAndFingerprintMismatchesAreClear()
    {
        ModelStore.Save(Mlp(1), ModelPath, Metadata());
        var kind = Assert.Throws<ModelFileException>(() => ModelStore.Load(Mlp(2), ModelPath, new ModelMetadata("FnfHeads", Metadata().Architecture, "decl-1")));
        Assert.Contains("kind mismatch", kind.Message);

        var fingerprint = Assert.Throws<ModelFileException>(() => ModelStore.Load(Mlp(2), ModelPath, Metadata(fingerprint: "decl-2")));
        Assert.Contains("model.pt", fingerprint.Message);
        Assert.Contains("trained for another declaration", fingerprint.Message);
        Assert.Contains("decl-1", fingerprint.Message);
        Assert.Contains("decl-2", fingerprint.Message);

        // No expected fingerprint: any is accepted.
        ModelStore.Load(Mlp(2), ModelPath, Metadata(fingerprint: null));
    }

    [Fact]
    public void FlippedBytesInTheWeightsAreReportedAsCorruption()
    {
        ModelStore.Save(Mlp(1), ModelPath, Metadata());
        byte[] bytes = File.ReadAllBytes(ModelPath);
        bytes[^5] ^= 0xFF;
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(ModelPath, bytes);
        var target = Mlp(2);
        var before = Parameters(target);

        var e = Assert.Throws<ModelFileException>(() => ModelStore.Load(target, ModelPath, Metadata()));
        Assert.Contains("model.pt: corrupted", e.Message);
        Assert.Equal(before["2.bias"], Parameters(target)["2.bias"]); // nothing was loaded
    }

    [Theory]
    [InlineData("{ \"kind\": \"ConditionalFlow\", \"architecture\": { \"bins\": ")]
    [InlineData("not json at all")]
    [InlineData("{ \"architecture\": {} }")]
    public void TruncatedOrInvalidMetadataIsAClearError(string content)
    {
        ModelStore.Save(Mlp(1), ModelPath, Metadata());
        File.WriteAllText(ModelStore.MetadataPath(ModelPath), content);
        var e = Assert.Throws<ModelFileException>(() => ModelStore.Load(Mlp(2), ModelPath, Metadata()));
        Assert.Contains("model.pt.json", e.Message);
        Assert.Contains("metadata", e.Message);
    }

    [Fact]
    public void MissingMetadataOrWeightsAreNamed()
    {
        var noMetadata = Assert.Throws<ModelFileException>(() => ModelStore.Load(Mlp(2), ModelPath, Metadata()));
        Assert.Contains("model.pt.json is missing", noMetadata.Message);

        ModelStore.Save(Mlp(1), ModelPath, Metadata());
        File.Delete(ModelPath);
        var noWeights = Assert.Throws<ModelFileException>(() => ModelStore.Load(Mlp(2), ModelPath, Metadata()));
        Assert.Contains("model.pt: the weights file is missing", noWeights.Message);
    }

    [Fact]
    public void ShapeMismatchThatTheMetadataDoesNotCatchIsWrappedWithTheFileName()
    {
        // The metadata claims the same architecture, but the module has another hidden size: strict load refuses.
        ModelStore.Save(Mlp(1, hidden: 8), ModelPath, Metadata());
        var e = Assert.Throws<ModelFileException>(() => ModelStore.Load(Mlp(2, hidden: 6), ModelPath, Metadata()));
        Assert.Contains("model.pt: cannot load the weights", e.Message);
        Assert.NotNull(e.InnerException);
    }

    [Fact]
    public void AFailingSaveLeavesThePreviousModelByteIdenticalAndNoTemporaryFiles()
    {
        ModelStore.Save(Mlp(1), ModelPath, Metadata());
        byte[] weights = File.ReadAllBytes(ModelPath);
        byte[] metadata = File.ReadAllBytes(ModelStore.MetadataPath(ModelPath));

        var e = Assert.Throws<ModelFileException>(() => ModelStore.Save(new UnsavableModule(), ModelPath, Metadata()));
        Assert.Contains("model.pt: cannot save", e.Message);

        Assert.Equal(weights, File.ReadAllBytes(ModelPath));
        Assert.Equal(metadata, File.ReadAllBytes(ModelStore.MetadataPath(ModelPath)));
        Assert.Equal(new[] { "model.pt", "model.pt.json" }, Directory.GetFileSystemEntries(_folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void AFailureAfterTheWeightsAreSwappedInRestoresThePreviousWeights()
    {
        // Previous weights exist, but the metadata target is a folder: the last rename fails, the weights are rolled back.
        ModelStore.Save(Mlp(1), ModelPath, Metadata());
        File.Delete(ModelStore.MetadataPath(ModelPath));
        Directory.CreateDirectory(ModelStore.MetadataPath(ModelPath));
        byte[] weights = File.ReadAllBytes(ModelPath);

        Assert.Throws<ModelFileException>(() => ModelStore.Save(Mlp(3), ModelPath, Metadata()));

        Assert.Equal(weights, File.ReadAllBytes(ModelPath));
        Assert.Equal(new[] { "model.pt", "model.pt.json" }, Directory.GetFileSystemEntries(_folder).Select(Path.GetFileName).Order());
        Assert.True(Directory.Exists(ModelStore.MetadataPath(ModelPath)));
    }

    [Fact]
    public void SavingIntoAMissingFolderIsAClearError()
    {
        string path = Path.Combine(_folder, "no-such-folder", "model.pt");
        var e = Assert.Throws<ModelFileException>(() => ModelStore.Save(Mlp(1), path, Metadata()));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void ArchitectureValuesAreFormattedInvariantly()
    {
        var architecture = ModelMetadata.ArchitectureOf(("hidden", new[] { 128, 128 }), ("tail", 3.5), ("dtype", ScalarType.Float64));
        Assert.Equal("128x128", architecture["hidden"]);
        Assert.Equal("3.5", architecture["tail"]);
        Assert.Equal("Float64", architecture["dtype"]);
        Assert.Equal(new[] { "dtype", "hidden", "tail" }, architecture.Keys);
    }

    /// A module whose state cannot be collected, so that saving it throws.
    private sealed class UnsavableModule : nn.Module
    {
        public UnsavableModule() : base(nameof(UnsavableModule)) { }

        public override Dictionary<string, Tensor> state_dict(Dictionary<string, Tensor>? destination = null, string? prefix = null) =>
            throw new IOException("simulated failure while collecting the state");
    }
}
