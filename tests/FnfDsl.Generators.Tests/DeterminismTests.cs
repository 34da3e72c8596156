using System.Globalization;

namespace FnfDsl.Generators.Tests;

/// <summary>The generated text depends on the declaration only: not on the run, nor on the culture of the machine that compiles it.</summary>
public sealed class DeterminismTests
{
    public static TheoryData<string> AllDeclarations => new() { Declarations.Toy, Declarations.ThreeFlavours, Declarations.Resonance };

    [Theory]
    [MemberData(nameof(AllDeclarations))]
    public void GeneratedSourcesAreIdenticalAcrossRunsAndCultures(string declaration)
    {
        var invariant = GenerateIn(CultureInfo.InvariantCulture, declaration);
        var again = GenerateIn(CultureInfo.InvariantCulture, declaration);
        var foreign = GenerateIn(CommaCulture(), declaration);

        Assert.NotEmpty(invariant);
        Assert.Equal(invariant, again);
        Assert.Equal(invariant, foreign);
        Assert.All(invariant, source => Assert.DoesNotContain('\r', source.Text));
    }

    // The generated files, in the generator's order, under the given current culture.
    private static List<(string HintName, string Text)> GenerateIn(CultureInfo culture, string declaration)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            var (result, _) = Harness.Generate(declaration);
            Assert.Empty(result.Diagnostics);
            return result.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).ToList();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previous, previousUi);
        }
    }

    // A culture that writes 50000.5 as "50.000,5" and -1 with a Unicode minus: culture-dependent formatting cannot hide.
    private static CultureInfo CommaCulture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        culture.NumberFormat.NegativeSign = "\u2212";
        return culture;
    }
}
