using FnfDsl.Analysis;
using FnfDsl.Pipeline.Configuration;
using FnfDsl.Testing.Analyses;

namespace FnfDsl.Pipeline.Tests.Report;

/// <summary>The presets: paper mode keeps the declared networks (the FNF paper's appendix B by default) with the paper's schedules; quick mode is smaller in every size.</summary>
public sealed class RunSettingsTests
{
    [Fact]
    public void Paper_FollowsThePaper()
    {
        var paper = RunSettings.Paper;
        var spec = RunSpec.For(ToyDeclaration.Spec, paper, new Dictionary<string, double>());

        // The declaration's sizes, which default to the paper's: nothing in the preset overrides them.
        Assert.Null(paper.FeatureFlow);
        Assert.Equal("2:30:128,128,128,128", Describe(spec.FeatureFlow));
        Assert.Equal("1:20:64,64,64", Describe(spec.KinematicFlow));
        Assert.Equal("3:30:128,128", Describe(new FlowSizes(spec.Doi!.Layers, spec.Doi.Bins, spec.Doi.Hidden!)));
        Assert.All(spec.ShapeNuisances, s => Assert.Equal(new[] { 32, 32 }, s.HeadHidden));
        Assert.Equal((40, 1024), (paper.NominalTraining.Epochs, paper.NominalTraining.BatchSize));
        Assert.Equal((64, 2), (paper.ResidualHeads.HiddenWidth, paper.ResidualHeads.HiddenDepth));
        Assert.Equal(RunSettings.PaperMode, paper.Mode);
    }

    [Fact]
    public void RunSpec_TakesTheManifestsYieldsAndTheQuickNetworks()
    {
        var spec = RunSpec.For(ToyDeclaration.Spec, RunSettings.Quick, new Dictionary<string, double> { ["A"] = 5000 });

        Assert.Equal([5000.0, 50_000.0], spec.Flavours.Select(f => f.Yield));
        Assert.Equal("2:12:48,48", Describe(spec.FeatureFlow));
        Assert.Equal(ToyDeclaration.Fingerprint, spec.Fingerprint);
    }

    [Fact]
    public void Quick_IsNoLargerThanPaperInAnySize()
    {
        var declared = ToyDeclaration.Spec;
        var paperSpec = RunSpec.For(declared, RunSettings.Paper, new Dictionary<string, double>());
        // The paper preset's networks are the declaration's: compare quick's against those.
        var paper = Sizes(RunSettings.Paper with
        {
            FeatureFlow = Flow(paperSpec.FeatureFlow),
            KinematicFlow = Flow(paperSpec.KinematicFlow),
            Doi = Flow(new FlowSizes(paperSpec.Doi!.Layers, paperSpec.Doi.Bins, paperSpec.Doi.Hidden!)),
            FnfHeads = new HeadSettings(1, paperSpec.ShapeNuisances[0].HeadHidden[0], paperSpec.ShapeNuisances[0].HeadHidden.Length),
        });
        var quick = Sizes(RunSettings.Quick);

        Assert.Equal(paper.Count, quick.Count);
        foreach (var (name, value) in quick) Assert.True(value <= paper[name], $"{name}: quick {value} > paper {paper[name]}");
    }

    [Fact]
    public void ForMode_NamesThePresetsAndRejectsOthers()
    {
        Assert.Same(RunSettings.Quick, RunSettings.ForMode("quick"));
        Assert.Same(RunSettings.Paper, RunSettings.ForMode("paper"));
        var error = Assert.Throws<ArgumentException>(() => RunSettings.ForMode("huge"));
        Assert.Contains("'huge'", error.Message);
    }

    private static string Describe(FlowSizes sizes) => $"{sizes.Layers}:{sizes.Bins}:{string.Join(",", sizes.Hidden)}";

    private static FlowSettings Flow(FlowSizes sizes) => new(sizes.Layers, sizes.Bins, sizes.Hidden[0], sizes.Hidden.Length);

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
