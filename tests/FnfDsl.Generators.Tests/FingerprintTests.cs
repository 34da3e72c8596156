using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using FnfDsl.Generators.Model;

namespace FnfDsl.Generators.Tests;

/// <summary>The declaration fingerprint: SHA-256 of a canonical text, deaf to formatting, sensitive to every modelled choice.</summary>
public sealed class FingerprintTests
{
    [Fact]
    public void FingerprintIsSha256OfTheCanonicalText()
    {
        var driver = Harness.Driver().RunGenerators(Harness.Compile(Declarations.Toy));
        var model = (AnalysisModel)driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.Models].Single().Outputs.Single().Value;

        string canonical = Fingerprint.CanonicalText(model);

        Assert.Equal(
            "fnfdsl-analysis v2\n" +
            "analysis ToyAnalysis\n" +
            "likelihood Joint\n" +
            "flavour A yield=50000 signal=false\n" +
            "flavour B yield=50000 signal=false\n" +
            "kinematic X column=x min=0 max=none type=float\n" +
            "feature Y1 column=y1 min=none max=none type=float\n" +
            "feature Y2 column=y2 min=none max=none type=float\n" +
            "shape VariationX prior=Gaussian flavours=A,B moves=X hidden=32,32 up=VariationXUp down=VariationXDown\n" +
            "shape VariationY prior=Gaussian flavours=A,B moves=Y1 hidden=32,32 up=VariationYUp down=VariationYDown\n" +
            "rate NormA flavour=A base-down=1.1 base-up=1.1 prior=Gaussian\n" +
            "rate NormB flavour=B base-down=1.1 base-up=1.1 prior=Gaussian\n" +
            "doi Correction of=Y1,Y2 given=X layers=3 bins=30 hidden=128,128\n" +
            "feature-flow layers=2 bins=30 hidden=128,128,128,128\n" +
            "kinematic-flow layers=1 bins=20 hidden=64,64,64\n",
            canonical);
        string sha = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))).ToLowerInvariant();
        Assert.Equal(sha, FingerprintOf(Declarations.Toy));
    }

    [Fact]
    public void FingerprintIsDeterministic()
    {
        Assert.Equal(FingerprintOf(Declarations.Resonance), FingerprintOf(Declarations.Resonance));
    }

    [Fact]
    public void FingerprintIgnoresFormattingCommentsAndHelpers()
    {
        string reformatted = Declarations.Toy
            .Replace("public partial struct Nuisances", "// The nuisances of the toy.\n    public partial struct Nuisances")
            .Replace("Kappa = 1.10", "Kappa   =   1.1")
            .Replace("=> 1.0;", "=> 138.0;");

        Assert.NotEqual(Declarations.Toy, reformatted);
        Assert.Equal(FingerprintOf(Declarations.Toy), FingerprintOf(reformatted));
    }

    [Theory]
    [InlineData("[RateNuisance(nameof(Flavour.B), Kappa = 1.10)]", "[RateNuisance(nameof(Flavour.B), Kappa = 1.12)]")]
    [InlineData("Column = \"y2\"", "Column = \"y_2\"")]
    [InlineData("Moves = [nameof(Event.Y1)]", "Moves = [nameof(Event.Y1), nameof(Event.Y2)]")]
    [InlineData("Prior.Gaussian, Moves = [nameof(Event.X)]", "Prior.Free, Moves = [nameof(Event.X)]")]
    [InlineData("Given = [nameof(Event.X)]", "Given = [nameof(Event.X)], Bins = 24")]
    [InlineData("LikelihoodMode.Joint", "LikelihoodMode.Conditional")]
    public void FingerprintChangesWithTheModel(string from, string to)
    {
        string changed = Declarations.Toy.Replace(from, to);

        Assert.NotEqual(Declarations.Toy, changed);
        Assert.NotEqual(FingerprintOf(Declarations.Toy), FingerprintOf(changed));
    }

    private static string FingerprintOf(string declaration)
    {
        var (result, _) = Harness.Generate(declaration);
        var spec = result.GeneratedSources.Single(s => s.HintName.EndsWith(".Spec.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        var match = Regex.Match(spec, "public const string Fingerprint = \"([0-9a-f]{64})\";");
        Assert.True(match.Success, "no fingerprint in the generated spec");
        return match.Groups[1].Value;
    }
}
