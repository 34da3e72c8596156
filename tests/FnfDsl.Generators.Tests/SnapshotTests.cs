using Snapshooter.Xunit;

namespace FnfDsl.Generators.Tests;

/// <summary>The generated sources of the three sample declarations, against checked-in snapshots; and they compile cleanly.</summary>
public sealed class SnapshotTests
{
    [Fact]
    public Task ToyAnalysis() => MatchAndCompile(Declarations.Toy, nameof(ToyAnalysis), 13);

    [Fact]
    public Task ThreeFlavourConditional() => MatchAndCompile(Declarations.ThreeFlavours, nameof(ThreeFlavourConditional), 13);

    [Fact]
    public Task ResonanceWithSignalStrength() => MatchAndCompile(Declarations.Resonance, nameof(ResonanceWithSignalStrength), 12);

    [Fact]
    public async Task MinimalDeclarationCompilesCleanly()
    {
        // No kinematics, no Nuisances or Pois struct: the generator declares an empty Nuisances vector itself.
        var (result, output) = Harness.Generate("""
            using FnfDsl;
            [Analysis]
            internal static partial class Minimal
            {
                internal enum Flavour { [Flavour(Yield = 10)] Only }
                internal partial struct Event { [Feature] public double Y; }
                internal static double Total() => TotalYield(Nuisances.Nominal) + Nuisances.Count + Schema.KinematicCount;
            }
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(9, result.GeneratedSources.Length);
        var problems = await Harness.WarningsAndErrors(output);
        Assert.True(problems.IsEmpty, string.Join("\n", problems));
    }

    [Fact]
    public async Task WithoutThePipelineLibrary_NoCliIsGenerated_AndTheRestCompiles()
    {
        var (withPipeline, _) = Harness.Generate(Declarations.Toy);
        var (runtimeOnly, output) = Harness.Generate(Declarations.Toy, withPipeline: false);

        Assert.Contains(withPipeline.GeneratedSources, s => s.HintName == "Toy.ToyAnalysis.Cli.g.cs");
        Assert.DoesNotContain(runtimeOnly.GeneratedSources, s => s.HintName.EndsWith(".Cli.g.cs", StringComparison.Ordinal));
        Assert.Equal(withPipeline.GeneratedSources.Length - 1, runtimeOnly.GeneratedSources.Length);
        var problems = await Harness.WarningsAndErrors(output);
        Assert.True(problems.IsEmpty, string.Join("\n", problems));
    }

    private static async Task MatchAndCompile(string declaration, string testName, int expectedFiles)
    {
        var (result, output) = Harness.Generate(declaration);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(expectedFiles, result.GeneratedSources.Length);
        foreach (var source in result.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal))
            Snapshot.Match(source.SourceText.ToString(), Harness.SnapshotName(nameof(SnapshotTests), testName, source.HintName));

        // The declaration plus the generated code: no compiler or analyzer warning, no error.
        var problems = await Harness.WarningsAndErrors(output);
        Assert.True(problems.IsEmpty, string.Join("\n", problems));
    }
}
