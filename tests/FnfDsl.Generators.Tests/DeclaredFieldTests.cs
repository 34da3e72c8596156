using System.Reflection;
using FnfDsl.Analysis;
using Microsoft.CodeAnalysis;
using static TorchSharp.torch;

namespace FnfDsl.Generators.Tests;

/// <summary>
/// Every declared setting changes what the generated code and the runtime compute, or is gone from the language:
/// Min/Max (the density), IsSignal (which flavour a POI scales), the storage type (the events' precision), Width (removed);
/// the generated yields and constraint are the likelihood's own; the defaults are PaperDefaults'.
/// </summary>
public sealed class DeclaredFieldTests
{
    private static string Bounded(string range) => $$"""
        using FnfDsl;
        namespace Ranges;
        [Analysis]
        [FeatureFlow(Layers = 1, Bins = 4, Hidden = [8])]
        public static partial class Bounded
        {
            public enum Flavour { [Flavour(Yield = 10)] Only }
            public partial struct Event { [Feature{{range}}] public double Y; }
        }
        """;

    private const string BoundedProbe = """
        using TorchSharp;
        namespace Ranges;
        public static class Probe
        {
            public static double[] LogProb(double[] simulation, double[] at)
            {
                var events = new Bounded.Event[simulation.Length];
                for (int i = 0; i < events.Length; i++) events[i] = new Bounded.Event(simulation[i]);
                var points = new Bounded.Event[at.Length];
                for (int i = 0; i < points.Length; i++) points[i] = new Bounded.Event(at[i]);
                using var model = Bounded.Model.Create(Bounded.Model.FitNormalization(events), new FnfDsl.Analysis.AnalysisModelOptions { Dtype = torch.ScalarType.Float64, Seed = 2 });
                var data = model.Data(points);
                using var nu = torch.zeros(0, dtype: torch.ScalarType.Float64);
                var densities = model.Runtime.SimulationDensities().LogDensities(data.X, data.Y, nu);
                return densities.Features.contiguous().data<double>().ToArray();
            }
        }
        """;

    private static readonly double[] Simulation = { 0.1, 0.3, 0.45, 0.5, 0.62, 0.8, 0.9 };

    [Fact]
    public void MinAndMaxChooseTheBoundedMapSoTheyChangeTheDensity()
    {
        double[] at = { 0.05, 0.3, 0.95 };  // not 0.5: there the two-sided map is the identity to first order
        var unbounded = (double[])Call(Type(Bounded(""), BoundedProbe, "Ranges.Probe"), "LogProb", Simulation, at);
        var twoSided = (double[])Call(Type(Bounded("(Min = 0, Max = 1)"), BoundedProbe, "Ranges.Probe"), "LogProb", Simulation, at);
        var lower = (double[])Call(Type(Bounded("(Min = 0)"), BoundedProbe, "Ranges.Probe"), "LogProb", Simulation, at);

        // The same seed and normalisation: only the declared range differs, and with it every log-probability.
        for (int i = 0; i < at.Length; i++)
        {
            Assert.True(Math.Abs(twoSided[i] - unbounded[i]) > 1e-3, $"y = {at[i]}: [0, 1] gives {twoSided[i]}, unbounded {unbounded[i]}");
            Assert.True(Math.Abs(lower[i] - unbounded[i]) > 1e-3, $"y = {at[i]}: [0, inf) gives {lower[i]}, unbounded {unbounded[i]}");
            Assert.True(Math.Abs(lower[i] - twoSided[i]) > 1e-3, $"y = {at[i]}: [0, inf) gives {lower[i]}, [0, 1] {twoSided[i]}");
        }
    }

    [Fact]
    public void AnEventOutsideTheDeclaredRangeIsRefusedByName()
    {
        var probe = Type(Bounded("(Min = 0, Max = 1)"), BoundedProbe, "Ranges.Probe");

        var error = Assert.Throws<TargetInvocationException>(() => Call(probe, "LogProb", Simulation, new[] { 0.5, 1.5 })).InnerException!;

        Assert.IsType<ArgumentException>(error);
        Assert.Contains("Variable 'Y' is 1.5 in row 1, not below its declared Max 1", error.Message);
    }

    private static string Signal(string signalFlavour) => $$"""
        using FnfDsl;
        namespace Signals;
        [Analysis]
        public static partial class Search
        {
            public enum Flavour
            {
                [Flavour(Yield = 100{{(signalFlavour == "S" ? ", IsSignal = true" : "")}})] S,
                [Flavour(Yield = 1000{{(signalFlavour == "B" ? ", IsSignal = true" : "")}})] B,
            }
            public partial struct Event { [Feature] public float Y; }
            public partial struct Pois { [Poi] public double Mu; }
        }
        """;

    private const string SignalProbe = """
        namespace Signals;
        public static class Probe
        {
            public static double[] Yields(double mu) => Search.Yields(new Search.Pois(mu), Search.Nuisances.Nominal);
            public static string[] Scales() => Search.Spec.Pois[0].Scales;
        }
        """;

    [Fact]
    public void IsSignalMarksTheFlavoursAPoiWithoutScalesMultiplies()
    {
        var signalS = Type(Signal("S"), SignalProbe, "Signals.Probe");
        var signalB = Type(Signal("B"), SignalProbe, "Signals.Probe");

        Assert.Equal(new[] { 200.0, 1000.0 }, (double[])Call(signalS, "Yields", 2.0));
        Assert.Equal(new[] { 100.0, 2000.0 }, (double[])Call(signalB, "Yields", 2.0));
        Assert.Equal(new[] { "S" }, (string[])Call(signalS, "Scales"));
    }

    private static string Stored(string type) => $$"""
        using FnfDsl;
        namespace Storage;
        [Analysis]
        public static partial class Stored
        {
            public enum Flavour { [Flavour(Yield = 10)] Only }
            public partial struct Event { [Feature] public {{type}} Y; }
        }
        """;

    private const string StoredProbe = """
        namespace Storage;
        public static class Probe
        {
            public static double[] Read(double[] values) => Stored.Event.FeatureBatch(Stored.Event.FromBatches(System.Array.Empty<double>(), values));
        }
        """;

    [Fact]
    public void TheStorageTypeIsThePrecisionEventsReachTheRuntimeIn()
    {
        double[] values = { 0.1, 1.0 / 3.0 };

        var asFloat = (double[])Call(Type(Stored("float"), StoredProbe, "Storage.Probe"), "Read", values);
        var asDouble = (double[])Call(Type(Stored("double"), StoredProbe, "Storage.Probe"), "Read", values);

        Assert.Equal(values, asDouble);
        Assert.Equal(values.Select(v => (double)(float)v), asFloat);
        Assert.NotEqual(values, asFloat);
        // The generated Event field is the only place of the storage type: the runtime spec does not repeat it.
        Assert.Null(typeof(VariableSpec).GetProperty("IsDouble"));
    }

    [Fact]
    public void WidthIsGoneFromTheLanguage()
    {
        // nu is always in units of the prior width (docs/method.md): a declared width would have had no meaning.
        Assert.Null(typeof(ShapeNuisanceAttribute).GetProperty("Width"));
        Assert.Null(typeof(ShapeNuisanceSpec).GetProperty("Width"));
        var errors = Harness.Compile("""
            using FnfDsl;
            [Analysis]
            public static partial class Minimal
            {
                public enum Flavour { [Flavour(Yield = 10)] A }
                public partial struct Event { [Feature] public float Y; }
                public partial struct Nuisances { [ShapeNuisance(Moves = [nameof(Event.Y)], Width = 0.5)] public double S; }
            }
            """).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Contains(errors, d => d.GetMessage().Contains("Width", StringComparison.Ordinal));
    }

    private const string TermsProbe = """
        namespace Searches;
        public static class Probe
        {
            public static object[] Terms(double[] poi, double[] nu)
            {
                var p = Diphoton.Resonance.Pois.FromArray(poi);
                var n = Diphoton.Resonance.Nuisances.FromArray(nu);
                return new object[] { Diphoton.Resonance.Yields(p, n), Diphoton.Resonance.TotalYield(p, n), Diphoton.Resonance.Constraint(n), Diphoton.Resonance.Spec };
            }
        }
        """;

    [Fact]
    public void GeneratedYieldsAndConstraintAreTheLikelihoods()
    {
        var probe = Type(Declarations.Resonance, TermsProbe, "Searches.Probe");
        double[] theta = { 2.5 }, nu = { 0.7, -1.3, 0.4 };  // Mu; MassScale, Luminosity, BackgroundNorm (free)

        var terms = (object[])Call(probe, "Terms", theta, nu);
        var spec = (AnalysisSpec)terms[3];
        using var model = new AnalysisModel(spec, Normalization.Unit(1, 1, 0), new AnalysisModelOptions { Dtype = ScalarType.Float64 });
        var likelihood = model.Likelihood(model.SimulationDensities());
        using var t = tensor(theta, dtype: ScalarType.Float64);
        using var n = tensor(nu, dtype: ScalarType.Float64);
        using var yields = likelihood.Model.Yields(t, n);
        using var constraint = likelihood.Model.Constraint(n);

        Assert.Equal(yields.data<double>().ToArray(), (double[])terms[0]);
        Assert.Equal(yields.sum().item<double>(), (double)terms[1], 1e-9);
        Assert.Equal(constraint.item<double>(), (double)terms[2]);
        // And the values are the documented formula, so the shared one is right, not merely shared.
        Assert.Equal(500 * 2.5 * Math.Pow(1.025, -1.3), ((double[])terms[0])[0], 1e-9);
        Assert.Equal(20_000 * Math.Pow(2.0, 0.4), ((double[])terms[0])[1], 1e-9);
        Assert.Equal(0.5 * (0.49 + 1.69), (double)terms[2], 1e-12);
    }

    private const string DefaultsProbe = """
        namespace Defaults;
        public static class Probe
        {
            public static object Spec() => Bare.Spec;
        }
        """;

    [Fact]
    public void AttributesGeneratorAndRuntimeTakeTheirDefaultsFromPaperDefaults()
    {
        var spec = (AnalysisSpec)Call(Type("""
            using FnfDsl;
            namespace Defaults;
            [Analysis]
            [DistributionOfInterest]
            public static partial class Bare
            {
                public enum Flavour { [Flavour(Yield = 10)] A }
                public partial struct Event { [Kinematic] public float X; [Feature] public float Y; }
                public partial struct Nuisances { [ShapeNuisance(Moves = [nameof(Event.Y)])] public double S; }
                public partial struct Pois { [Poi(Scales = [nameof(Flavour.A)])] public double Mu; }
            }
            """, DefaultsProbe, "Defaults.Probe"), "Spec");

        // What the generator fills in for unset sizes is what the attributes' initialisers say, and both are PaperDefaults.
        Assert.Equal(Sizes(global::FnfDsl.PaperDefaults.FeatureFlowLayers, global::FnfDsl.PaperDefaults.FeatureFlowBins, global::FnfDsl.PaperDefaults.FeatureFlowHidden), Sizes(spec.FeatureFlow));
        Assert.Equal(Sizes(new FeatureFlowAttribute().Layers, new FeatureFlowAttribute().Bins, new FeatureFlowAttribute().Hidden), Sizes(spec.FeatureFlow));
        Assert.Equal(Sizes(new KinematicFlowAttribute().Layers, new KinematicFlowAttribute().Bins, new KinematicFlowAttribute().Hidden), Sizes(spec.KinematicFlow));
        Assert.Equal(Sizes(global::FnfDsl.PaperDefaults.KinematicFlowLayers, global::FnfDsl.PaperDefaults.KinematicFlowBins, global::FnfDsl.PaperDefaults.KinematicFlowHidden), Sizes(spec.KinematicFlow));
        var doi = new DistributionOfInterestAttribute();
        Assert.Equal(Sizes(doi.Layers, doi.Bins, doi.Hidden), Sizes(spec.Doi!.Layers, spec.Doi.Bins, spec.Doi.Hidden!));
        Assert.Equal(doi.Name, spec.Doi.Name);
        Assert.Equal(new ShapeNuisanceAttribute().Hidden, spec.ShapeNuisances[0].HeadHidden);
        var poi = new PoiAttribute();
        Assert.Equal((poi.Initial, poi.Min, poi.Max), (spec.Pois[0].Initial, spec.Pois[0].Min, spec.Pois[0].Max));
        Assert.Equal(global::FnfDsl.PaperDefaults.ResidualHidden, new AnalysisModelOptions().ResidualHidden);
        Assert.Equal(new[] { 128, 128, 128, 128 }, global::FnfDsl.PaperDefaults.FeatureFlowHidden);  // the paper's, appendix B
    }

    private static string Sizes(FlowSizes sizes) => Sizes(sizes.Layers, sizes.Bins, sizes.Hidden);

    private static string Sizes(int layers, int bins, int[] hidden) => $"{layers}L{bins}B{string.Join("x", hidden)}";

    private static Type Type(string declaration, string probe, string name) => Harness.CompileAndLoad(name, declaration, probe);

    private static object Call(Type probe, string method, params object[] args) => probe.GetMethod(method)!.Invoke(null, args)!;
}
