namespace FnfDsl.Generators.Tests;

/// <summary>Each shape rule of the analyzer (FNF00xx) fires, exactly where the markup says, and valid declarations get none.</summary>
public sealed class AnalyzerDiagnosticTests
{
    [Fact]
    public Task ValidDeclarationsHaveNoDiagnostics() =>
        Task.WhenAll(
            Verifiers.Analyzer(Declarations.Toy),
            Verifiers.Analyzer(Declarations.ThreeFlavours),
            Verifiers.Analyzer(Declarations.Resonance));

    [Fact]
    public Task FNF0001_AnalysisClassNotPartial() => Verifiers.Analyzer("""
        using FnfDsl;
        [Analysis]
        public class {|FNF0001:Minimal|}
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Feature] public float Y; }
        }
        """);

    [Fact]
    public Task FNF0002_ContainingTypeNotPartial() => Verifiers.Analyzer("""
        using FnfDsl;
        public static class {|FNF0002:Outer|}
        {
            [Analysis]
            public partial class Minimal
            {
                public enum Flavour { [Flavour(Yield = 100)] A }
                public partial struct Event { [Feature] public float Y; }
            }
        }
        """);

    [Fact]
    public Task FNF0002_OnlyTheNonPartialOfTwoEnclosingTypes() => Verifiers.Analyzer("""
        using FnfDsl;
        public partial class Outer
        {
            public class {|FNF0002:Middle|}
            {
                [Analysis]
                public partial class Minimal
                {
                    public enum Flavour { [Flavour(Yield = 100)] A }
                    public partial struct Event { [Feature] public float Y; }
                }
            }
        }
        """);

    [Fact]
    public Task FNF0003_AnalysisClassGeneric() => Verifiers.Analyzer("""
        using FnfDsl;
        [Analysis]
        public partial class {|FNF0003:Minimal|}<T>
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Feature] public float Y; }
        }
        """);

    [Fact]
    public Task FNF0004_DeclarationNotPartialStruct() => Verifiers.Analyzer("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public struct {|FNF0004:Event|} { [Feature] public float Y; }
            public partial class {|FNF0004:Nuisances|} { }
        }
        """);

    [Fact]
    public Task FNF0005_FlavourNotEnum() => Verifiers.Analyzer("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public static class {|FNF0005:Flavour|} { }
            public partial struct Event { [Feature] public float Y; }
        }
        """);

    [Fact]
    public Task FNF0006_UnsupportedVariableType() => Verifiers.Analyzer("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event
            {
                [Kinematic] public {|FNF0006:int|} Count;
                [Feature] public {|FNF0006:decimal|} Y;
            }
        }
        """);

    [Fact]
    public Task FNF0007_ParameterNotDouble() => Verifiers.Analyzer("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Feature] public float Y; }
            public partial struct Nuisances { [RateNuisance(nameof(Flavour.A), Kappa = 1.1)] public {|FNF0007:float|} NormA; }
            public partial struct Pois { [Poi(Scales = [nameof(Flavour.A)])] public {|FNF0007:int|} Mu; }
        }
        """);

    [Fact]
    public Task FNF0008_MemberWithoutRole() => Verifiers.Analyzer("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A, {|FNF0008:B|} }
            public partial struct Event { [Feature] public float Y; public float {|FNF0008:Weight|}; }
            public partial struct Nuisances { public double {|FNF0008:Lumi|}; }
            public partial struct Pois { public double {|FNF0008:Mu|}; }
        }
        """);

    [Fact]
    public Task FNF0009_ConflictingRoles() => Verifiers.Analyzer("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Kinematic, Feature] public float {|FNF0009:Y|}; }
        }
        """);

    [Fact]
    public Task FNF0010_FlavourExplicitValue() => Verifiers.Analyzer("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A {|FNF0010:= 3|}, [Flavour(Yield = 100)] B }
            public partial struct Event { [Feature] public float Y; }
        }
        """);
}
