using ToyFnf.Toy;

namespace FnfDsl.Samples.Tests;

/// <summary>--inject values map the short and long nuisance names onto the toy's names, in invariant culture.</summary>
public sealed class InjectionParserTests
{
    [Fact]
    public void ShortAndLongNames_MapToTheToyNames()
    {
        var values = InjectionParser.Parse(" nu_x = 1 , variation_y=-0.5,NORM_a=2e-1 ,norm_B=0");

        Assert.Equal(["norm_A", "norm_B", "variation_x", "variation_y"], values.Keys);
        Assert.Equal([0.2, 0.0, 1.0, -0.5], values.Values);
    }

    [Fact]
    public void EmptyText_InjectsNothing()
    {
        Assert.Empty(InjectionParser.Parse("  "));
    }

    [Fact]
    public void NumbersUseTheInvariantCulture()
    {
        var culture = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal(1.5, InjectionParser.Parse("nu_y=1.5")["variation_y"]);
            var error = Assert.Throws<FormatException>(() => InjectionParser.Parse("nu_y=1,5"));
            Assert.Contains("'5'", error.Message);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
    }
}
