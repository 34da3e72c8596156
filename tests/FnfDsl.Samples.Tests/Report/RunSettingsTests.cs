using ToyFnf.Configuration;

namespace FnfDsl.Samples.Tests.Report;

/// <summary>The presets: paper mode follows the FNF paper's appendix B; quick mode is smaller in every size.</summary>
public sealed class RunSettingsTests
{
    [Fact]
    public void Paper_FollowsThePaper()
    {
        var paper = RunSettings.Paper;

        Assert.Equal(new SampleSizes(300_000, 100_000, 50_000), paper.Samples);
        Assert.Equal(new FlowSettings(2, 30, 128, 4), paper.FeatureFlow);
        Assert.Equal(new FlowSettings(1, 20, 64, 3), paper.KinematicFlow);
        Assert.Equal((40, 1024), (paper.NominalTraining.Epochs, paper.NominalTraining.BatchSize));
        Assert.Equal((32, 2), (paper.FnfHeads.HiddenWidth, paper.FnfHeads.HiddenDepth));
        Assert.Equal(new FlowSettings(3, 30, 128, 2), paper.Doi);
        Assert.Equal((64, 2), (paper.ResidualHeads.HiddenWidth, paper.ResidualHeads.HiddenDepth));
        Assert.Equal(RunSettings.PaperMode, paper.Mode);
    }

    [Fact]
    public void Quick_IsNoLargerThanPaperInAnySize()
    {
        var quick = Sizes(RunSettings.Quick);
        var paper = Sizes(RunSettings.Paper);

        Assert.Equal(paper.Count, quick.Count);
        foreach (var (name, value) in quick) Assert.True(value <= paper[name], $"{name}: quick {value} > paper {paper[name]}");
        Assert.Equal(new SampleSizes(20_000, 10_000, 5_000), RunSettings.Quick.Samples);
    }

    [Fact]
    public void ForMode_NamesThePresetsAndRejectsOthers()
    {
        Assert.Same(RunSettings.Quick, RunSettings.ForMode("quick"));
        Assert.Same(RunSettings.Paper, RunSettings.ForMode("paper"));
        var error = Assert.Throws<ArgumentException>(() => RunSettings.ForMode("huge"));
        Assert.Contains("'huge'", error.Message);
    }

    /// <summary>Every integer size of the settings, by path (e.g. "Samples.NominalPerFlavour"), found by reflection so none is forgotten.</summary>
    private static Dictionary<string, int> Sizes(object settings, string prefix = "")
    {
        var sizes = new Dictionary<string, int>();
        foreach (var property in settings.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            object? value = property.GetValue(settings);
            string name = prefix + property.Name;
            if (value is int size) sizes[name] = size;
            else if (value is not null && property.PropertyType.Namespace == typeof(RunSettings).Namespace)
                foreach (var (inner, innerSize) in Sizes(value, name + ".")) sizes[inner] = innerSize;
        }
        return sizes;
    }
}
