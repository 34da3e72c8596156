using System.Reflection;
using FnfDsl.Analysis;
using static TorchSharp.torch;

namespace FnfDsl.Generators.Tests;

/// <summary>
/// The generated phase-2 API compiled and run on small inputs: tensors from typed events and back, simulation samples,
/// nuisance tensors, typed parameter points, normalisation without kinematics or DoI, and the API's accessibility.
/// </summary>
public sealed class GeneratedApiBehaviourTests
{
    // No kinematic variable, no DoI, no nuisance: the edge of every tensor shape ([N, 0] kinematics, [N, 0] nu).
    private const string Minimal = """
        using FnfDsl;
        namespace Edge;
        [Analysis]
        public static partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 10)] Only }
            public partial struct Event { [Feature] public double Y; [Feature] public float Z; }
        }
        """;

    private const string MinimalProbe = """
        using TorchSharp;
        namespace Edge;
        public static class Probe
        {
            public static object[] RoundTrip(double[] y, double[] z)
            {
                var events = new Minimal.Event[y.Length];
                for (int i = 0; i < y.Length; i++) events[i] = new Minimal.Event(y[i], (float)z[i]);
                var data = Minimal.Event.ToEventData(events, torch.ScalarType.Float32, source: "probe");
                var back = Minimal.Event.FromTensors(data.X, data.Y);
                var ys = new double[back.Length];
                var zs = new double[back.Length];
                for (int i = 0; i < back.Length; i++) { ys[i] = back[i].Y; zs[i] = back[i].Z; }
                return new object[] { data.X.shape, data.Y.shape, data.Y.dtype.ToString(), ys, zs };
            }

            public static object[] Normalize(double[] y, double[] z)
            {
                var events = new Minimal.Event[y.Length];
                for (int i = 0; i < y.Length; i++) events[i] = new Minimal.Event(y[i], (float)z[i]);
                var normalization = Minimal.Model.FitNormalization(events);
                using var model = Minimal.Model.Create(normalization, new FnfDsl.Analysis.AnalysisModelOptions { Dtype = torch.ScalarType.Float64 });
                var sample = model.Simulation(events, Minimal.Flavour.Only, Minimal.Nuisances.Nominal);
                return new object[] { normalization, model.Data(events).Y.dtype.ToString(), sample.Nu.shape, model.Runtime.Kinematics is null };
            }
        }
        """;

    private const string ToyProbe = """
        using TorchSharp;
        namespace Toy;
        public static class Probe
        {
            private static ToyAnalysis.Event[] Events(int n)
            {
                var events = new ToyAnalysis.Event[n];
                for (int i = 0; i < n; i++) events[i] = new ToyAnalysis.Event(1.5f + i, 0.25f * i, -0.5f * i);
                return events;
            }

            public static object[] Simulation(int[] flavours, double[] nu)
            {
                var typed = new ToyAnalysis.Flavour[flavours.Length];
                for (int i = 0; i < typed.Length; i++) typed[i] = (ToyAnalysis.Flavour)flavours[i];
                var sample = ToyAnalysis.Simulation(Events(flavours.Length), typed, ToyAnalysis.Nuisances.FromArray(nu), torch.ScalarType.Float64, "probe sample");
                using var nuRows = sample.Nu.contiguous();
                return new object[] { sample.Flavour.dtype.ToString(), sample.Flavour.data<long>().ToArray(), sample.Nu.shape, nuRows.data<double>().ToArray(), sample.Events.X.dtype.ToString() };
            }

            public static double[] NuisanceTensorRoundTrip(double[] nu)
            {
                using var t = ToyAnalysis.Nuisances.FromArray(nu).ToTensor();
                return ToyAnalysis.Nuisances.FromTensor(t).ToArray();
            }

            public static void NuisancesFromWrongTensor() => ToyAnalysis.Nuisances.FromTensor(torch.zeros(3, dtype: torch.ScalarType.Float64));

            public static void EventsWithNaN()
            {
                var events = Events(3);
                events[2].Y2 = float.NaN;
                ToyAnalysis.Event.ToEventData(events, torch.ScalarType.Float32, source: "probe events");
            }

            public static string[] FlavoursOf(long[] labels)
            {
                var flavours = ToyAnalysis.FlavoursOf(torch.tensor(labels));
                var names = new string[flavours.Length];
                for (int i = 0; i < names.Length; i++) names[i] = flavours[i].ToString();
                return names;
            }
        }
        """;

    private const string ResonanceProbe = """
        namespace Searches;
        public static class Probe
        {
            public static object[] Point(double[] values)
            {
                var p = Diphoton.Resonance.Parameters.FromArray(values);
                var moved = p.With(Diphoton.Resonance.ParameterId.Luminosity, 9.0);
                return new object[]
                {
                    p.ToArray(), p.Pois.Mu, p.Nuisances.BackgroundNorm, p[Diphoton.Resonance.ParameterId.MassScale], moved.ToArray(),
                    Diphoton.Resonance.Parameters.Initial.ToArray(), new System.Collections.Generic.List<string>(Diphoton.Resonance.Parameters.Names).ToArray(),
                    (int)Diphoton.Resonance.ParameterId.BackgroundNorm,
                };
            }
        }
        """;

    [Fact]
    public void EventsRoundTripThroughTensorsWithoutKinematics()
    {
        var probe = Type(Minimal, MinimalProbe, "Edge.Probe");
        double[] y = { 0.5, -1.25, 3.0 }, z = { 2.0, 0.125, -4.5 };

        var result = (object[])Call(probe, "RoundTrip", y, z);

        Assert.Equal(new long[] { 3, 0 }, (long[])result[0]);
        Assert.Equal(new long[] { 3, 2 }, (long[])result[1]);
        Assert.Equal("Float32", (string)result[2]);
        Assert.Equal(y, (double[])result[3]);
        Assert.Equal(z, (double[])result[4]);
    }

    [Fact]
    public void NormalizationAndModelWorkWithoutKinematicsDoiOrNuisances()
    {
        var probe = Type(Minimal, MinimalProbe, "Edge.Probe");
        double[] y = { 1.0, 2.0, 3.0, 4.0 }, z = { 0.0, 0.0, 2.0, 2.0 };

        var result = (object[])Call(probe, "Normalize", y, z);

        var normalization = (Normalization)result[0];
        Assert.Empty(normalization.XMean);
        Assert.Empty(normalization.DoiMean);
        Assert.Equal(new[] { 2.5, 1.0 }, normalization.YMean);
        Assert.Equal(Math.Sqrt(1.25), normalization.YStd[0], 1e-12);  // population width: (2.25 + 0.25 + 0.25 + 2.25) / 4
        Assert.Equal(1.0, normalization.YStd[1], 1e-12);
        Assert.Equal("Float64", (string)result[1]);                   // Data uses the model's dtype
        Assert.Equal(new long[] { 4, 0 }, (long[])result[2]);         // nu for every event, of no nuisance
        Assert.True((bool)result[3]);
    }

    [Fact]
    public void SimulationSampleCarriesFlavoursAndNuForEveryEvent()
    {
        var probe = Type(Declarations.Toy, ToyProbe, "Toy.Probe");
        double[] nu = { 0.5, -1.0, 0.0, 2.0 };

        var result = (object[])Call(probe, "Simulation", new[] { 1, 0, 1 }, nu);

        Assert.Equal("Int64", (string)result[0]);
        Assert.Equal(new long[] { 1, 0, 1 }, (long[])result[1]);
        Assert.Equal(new long[] { 3, 4 }, (long[])result[2]);
        Assert.Equal(nu.Concat(nu).Concat(nu), (double[])result[3]);
        Assert.Equal("Float64", (string)result[4]);
    }

    [Fact]
    public void SimulationSampleRefusesUndeclaredFlavoursAndMissingOnes()
    {
        var probe = Type(Declarations.Toy, ToyProbe, "Toy.Probe");

        var undeclared = Assert.Throws<TargetInvocationException>(() => Call(probe, "Simulation", new[] { 0, 2 }, new double[4])).InnerException;
        var missing = Assert.Throws<TargetInvocationException>(() => Call(probe, "Simulation", Array.Empty<int>(), new[] { double.NaN, 0, 0, 0 })).InnerException;

        Assert.IsType<ArgumentException>(undeclared);
        Assert.Contains("row 1 has flavour 2, which is not one of A, B", undeclared!.Message);
        Assert.IsType<ArgumentException>(missing);
        Assert.Contains("nuisance VariationX is NaN", missing!.Message);
    }

    [Fact]
    public void NuisancesRoundTripThroughTensorsAndRejectWrongShapes()
    {
        var probe = Type(Declarations.Toy, ToyProbe, "Toy.Probe");
        double[] nu = { 0.1, -0.2, 0.3, -0.4 };

        Assert.Equal(nu, (double[])Call(probe, "NuisanceTensorRoundTrip", nu));
        var wrong = Assert.Throws<TargetInvocationException>(() => Call(probe, "NuisancesFromWrongTensor")).InnerException;
        Assert.IsType<ArgumentException>(wrong);
        Assert.Contains("Expected a floating-point tensor [4] of nuisance values (VariationX, VariationY, NormA, NormB), got Float64 [3]", wrong!.Message);
    }

    [Fact]
    public void EventDataNamesTheBadRowAndColumn()
    {
        var probe = Type(Declarations.Toy, ToyProbe, "Toy.Probe");

        var error = Assert.Throws<TargetInvocationException>(() => Call(probe, "EventsWithNaN")).InnerException;

        Assert.IsType<ArgumentException>(error);
        Assert.Contains("probe events: y row 2 column 1 is NaN", error!.Message);
    }

    [Fact]
    public void FlavourIndicesBecomeTypedFlavours()
    {
        var probe = Type(Declarations.Toy, ToyProbe, "Toy.Probe");

        Assert.Equal(new[] { "B", "A", "B" }, (string[])Call(probe, "FlavoursOf", new long[] { 1, 0, 1 }));
        var error = Assert.Throws<TargetInvocationException>(() => Call(probe, "FlavoursOf", new long[] { 0, 3 })).InnerException;
        Assert.Contains("Row 1 has flavour index 3, outside 0..1 (A, B)", error!.Message);
    }

    [Fact]
    public void ParameterPointsArePoisThenNuisances()
    {
        var probe = Type(Declarations.Resonance, ResonanceProbe, "Searches.Probe");
        double[] values = { 2.5, 0.1, -0.3, 0.7 };  // Mu, MassScale, Luminosity, BackgroundNorm

        var result = (object[])Call(probe, "Point", values);

        Assert.Equal(values, (double[])result[0]);
        Assert.Equal(2.5, (double)result[1]);
        Assert.Equal(0.7, (double)result[2]);
        Assert.Equal(0.1, (double)result[3]);
        Assert.Equal(new[] { 2.5, 0.1, 9.0, 0.7 }, (double[])result[4]);
        Assert.Equal(new[] { 1.0, 0.0, 0.0, 0.0 }, (double[])result[5]);  // Mu's declared initial value, nuisances nominal
        Assert.Equal(new[] { "Mu", "MassScale", "Luminosity", "BackgroundNorm" }, (string[])result[6]);
        Assert.Equal(3, (int)result[7]);
    }

    [Fact]
    public async Task InternalDeclarationsGiveAnInternalApi()
    {
        // A public analysis class with an internal Event: the generated types that take events must be internal too.
        var (result, output) = Harness.Generate("""
            using FnfDsl;
            namespace Edge;
            [Analysis]
            public static partial class Mixed
            {
                public enum Flavour { [Flavour(Yield = 10)] Only }
                internal partial struct Event { [Feature] public double Y; }
                public partial struct Nuisances { [RateNuisance(nameof(Flavour.Only), Kappa = 1.2)] public double Norm; }
            }
            """);

        Assert.Empty(result.Diagnostics);
        var problems = await Harness.WarningsAndErrors(output);
        Assert.True(problems.IsEmpty, string.Join("\n", problems));
        foreach (var name in new[] { "Model", "Profiler", "Parameters", "ParameterId", "NamedHessian", "BestFit" })
            Assert.Equal(Microsoft.CodeAnalysis.Accessibility.Internal, output.GetTypeByMetadataName($"Edge.Mixed+{name}")!.DeclaredAccessibility);
    }

    private static Type Type(string declaration, string probe, string name) => Harness.CompileAndLoad(name, declaration, probe);

    private static object Call(Type probe, string method, params object[] args) => probe.GetMethod(method)!.Invoke(null, args)!;
}
