using System.Reflection;
using FnfDsl.Analysis;

namespace FnfDsl.Generators.Tests;

/// <summary>The generated code, compiled and run: yields and constraints follow method.md, conversions round-trip, the spec agrees.</summary>
public sealed class GeneratedCodeBehaviourTests
{
    private const double Tolerance = 1e-12;

    /// <summary>Calls a static method of the compiled probe class.</summary>
    private delegate object Probe(string method, params object[] args);

    [Fact]
    public void ToyYieldsAreLogNormalInTheirRateNuisances()
    {
        var probe = Load(Declarations.Toy, "Toy", "ToyAnalysis", pois: false);
        double[] nu = { 0.3, -0.2, 1.0, -1.0 };  // VariationX, VariationY, NormA, NormB

        var yields = (double[])probe("Yields", nu);

        Assert.Equal(50_000 * 1.1, yields[0], 1e-9);
        Assert.Equal(50_000 / 1.1, yields[1], 1e-9);
        Assert.Equal(50_000 * 1.1 + 50_000 / 1.1, (double)probe("TotalYield", nu), 1e-9);
    }

    [Fact]
    public void ToyConstraintIsHalfTheSquaredNuisances()
    {
        var probe = Load(Declarations.Toy, "Toy", "ToyAnalysis", pois: false);

        Assert.Equal(0.0, (double)probe("Constraint", new double[4]), Tolerance);
        Assert.Equal(0.5 * (0.09 + 0.04 + 1.0 + 4.0), (double)probe("Constraint", new[] { 0.3, -0.2, 1.0, -2.0 }), Tolerance);
    }

    [Fact]
    public void AsymmetricKappaUsesTheDownFactorBelowZero()
    {
        var probe = Load(Declarations.ThreeFlavours, "Tagging", "JetTagging", pois: false);
        double[] Nu(double normC, double normLight) => new[] { 0.0, 0.0, 0.0, normC, normLight };

        Assert.Equal(40_000 * 0.90, ((double[])probe("Yields", Nu(-1, 0)))[1], 1e-9);
        Assert.Equal(40_000 * 1.15, ((double[])probe("Yields", Nu(+1, 0)))[1], 1e-9);
        Assert.Equal(40_000 * Math.Pow(0.90, 0.5), ((double[])probe("Yields", Nu(-0.5, 0)))[1], 1e-9);
        Assert.Equal(800_000 * 1.3 * 1.3, ((double[])probe("Yields", Nu(0, 2)))[2], 1e-6);
        Assert.Equal(120_000, ((double[])probe("Yields", Nu(-1, 2)))[0], Tolerance);
    }

    [Fact]
    public void FreeNuisancesAreUnconstrained()
    {
        // JetTagging: Mistag (index 2) is free; Resonance: BackgroundNorm (index 2) is free.
        var tagging = Load(Declarations.ThreeFlavours, "Tagging", "JetTagging", pois: false);
        var resonance = Load(Declarations.Resonance, "Searches", "Diphoton.Resonance", pois: true);

        Assert.Equal(0.5 * 4, (double)tagging("Constraint", new[] { 1.0, 1.0, 5.0, 1.0, 1.0 }), Tolerance);
        Assert.Equal(0.5 * 2, (double)resonance("Constraint", new[] { 1.0, 1.0, 7.0 }), Tolerance);
    }

    [Fact]
    public void SignalStrengthScalesTheSignalOnly()
    {
        var probe = Load(Declarations.Resonance, "Searches", "Diphoton.Resonance", pois: true);
        double[] nu = { 0.0, 1.0, -1.0 };  // MassScale, Luminosity, BackgroundNorm

        var yields = (double[])probe("YieldsWithPois", new[] { 2.5 }, nu);

        Assert.Equal(500 * 2.5 * 1.025, yields[0], 1e-9);
        Assert.Equal(20_000 / 2.0, yields[1], 1e-9);
        Assert.Equal(new[] { 1.0 }, (double[])probe("InitialPois"));
    }

    [Fact]
    public void NuisanceVectorsRoundTripAndRejectWrongLengths()
    {
        var probe = Load(Declarations.ThreeFlavours, "Tagging", "JetTagging", pois: false);
        double[] nu = { 0.1, -0.2, 0.3, -0.4, 0.5 };

        Assert.Equal(nu, (double[])probe("NuisanceRoundTrip", nu));
        var error = Assert.Throws<TargetInvocationException>(() => probe("NuisanceRoundTrip", new double[4]));
        Assert.IsType<ArgumentException>(error.InnerException);
        Assert.Contains("Expected 5 nuisance values", error.InnerException!.Message);
    }

    [Fact]
    public void EventBatchesRoundTripInSchemaOrder()
    {
        var probe = Load(Declarations.ThreeFlavours, "Tagging", "JetTagging", pois: false);
        double[] x = { 35.5, 1.2, 120.25, -0.7 };      // (Pt, Eta) per event
        double[] y = { 0.9, 0.05, 0.1, 0.6 };          // (TagB, TagC) per event

        var batches = (double[][])probe("EventRoundTrip", x, y);

        Assert.Equal(x, batches[0]);
        Assert.Equal(y, batches[1]);
        var error = Assert.Throws<TargetInvocationException>(() => probe("EventRoundTrip", new double[3], y));
        Assert.IsType<ArgumentException>(error.InnerException);
    }

    [Fact]
    public void SpecMatchesTheDeclaration()
    {
        var probe = Load(Declarations.ThreeFlavours, "Tagging", "JetTagging", pois: false);
        var spec = (AnalysisSpec)probe("Spec");

        Assert.Equal("JetTagging", spec.Name);
        Assert.Equal(LikelihoodMode.Conditional, spec.Mode);
        Assert.Equal(new[] { "B", "C", "Light" }, spec.Flavours.Select(f => f.Name));
        Assert.Equal(new[] { "jet_pt", "jet_eta" }, spec.Kinematics.Select(v => v.Column));
        // The storage type is the generated field's type (the spec no longer carries it): JetTagging's features are double.
        Assert.All(spec.Features, f => Assert.Equal("Double", (string)probe("FieldType", f.Name)));
        Assert.Equal(new[] { "JetEnergyScale", "TrackResolution", "Mistag" }, spec.ShapeNuisances.Select(s => s.Name));
        Assert.Equal(new[] { "B", "C", "Light" }, spec.ShapeNuisances[0].Flavours);  // no Flavours named: every flavour
        Assert.Equal(new[] { 32, 32 }, spec.ShapeNuisances[0].HeadHidden);
        Assert.Equal("mistag_up", spec.ShapeNuisances[2].UpLabel);
        Assert.Equal(Prior.Free, spec.ShapeNuisances[2].Prior);
        // Runtime convention: N *= KappaDown^nu for nu < 0, so the datacard's 0.90 at nu = -1 is the base 1/0.90.
        Assert.Equal(0.90, Math.Pow(spec.RateNuisances[0].KappaDown, -1), Tolerance);
        Assert.Equal(1.3, spec.RateNuisances[1].KappaDown);
        Assert.Equal(new[] { "TagB" }, spec.Doi!.Of);
        Assert.Equal(new[] { 96, 96, 96 }, spec.FeatureFlow.Hidden);
        Assert.Equal(new FlowSizes(1, 20, new[] { 64, 64, 64 }).Bins, spec.KinematicFlow.Bins);
        Assert.Equal((string)probe("Fingerprint"), spec.Fingerprint);
    }

    // Compiles a declaration with the generated code and a small probe exposing it through plain arrays
    // (reflection cannot pass spans), loads it, and returns a caller of the probe's static methods.
    private static Probe Load(string declaration, string ns, string analysis, bool pois)
    {
        string yields = pois
            ? $$"""
                public static double[] YieldsWithPois(double[] poi, double[] nu) => {{analysis}}.Yields({{analysis}}.Pois.FromArray(poi), {{analysis}}.Nuisances.FromArray(nu));
                public static double[] InitialPois() => {{analysis}}.Pois.Initial.ToArray();
                """
            : $$"""
                public static double[] Yields(double[] nu) => {{analysis}}.Yields({{analysis}}.Nuisances.FromArray(nu));
                public static double TotalYield(double[] nu) => {{analysis}}.TotalYield({{analysis}}.Nuisances.FromArray(nu));
                """;
        string probeSource = $$"""
            namespace {{ns}}
            {
                public static class Probe
                {
                    {{yields}}
                    public static double Constraint(double[] nu) => {{analysis}}.Constraint({{analysis}}.Nuisances.FromArray(nu));
                    public static double[] NuisanceRoundTrip(double[] nu) => {{analysis}}.Nuisances.FromArray(nu).ToArray();
                    public static double[][] EventRoundTrip(double[] x, double[] y)
                    {
                        var events = {{analysis}}.Event.FromBatches(x, y);
                        return new[] { {{analysis}}.Event.KinematicBatch(events), {{analysis}}.Event.FeatureBatch(events) };
                    }
                    public static object Spec() => {{analysis}}.Spec;
                    public static string Fingerprint() => {{analysis}}.Fingerprint;
                    public static string FieldType(string name) => typeof({{analysis}}.Event).GetField(name)!.FieldType.Name;
                }
            }
            """;
        var type = Harness.CompileAndLoad($"{ns}.Probe", declaration, probeSource);
        return (name, args) => type.GetMethod(name)!.Invoke(null, args)!;
    }
}
