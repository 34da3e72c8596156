namespace FnfDsl.Generators.Tests;

/// <summary>Each meaning rule of the generator (FNF01xx) fires, exactly where the markup says; valid declarations get none.</summary>
public sealed class GeneratorDiagnosticTests
{
    [Fact]
    public Task ValidDeclarationsHaveNoDiagnostics() =>
        Task.WhenAll(
            Verifiers.Generator(Declarations.Toy),
            Verifiers.Generator(Declarations.ThreeFlavours),
            Verifiers.Generator(Declarations.Resonance));

    [Fact]
    public Task FNF0100_NoFlavourEnum() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        public partial class {|FNF0100:Minimal|}
        {
            public partial struct Event { [Feature] public float Y; }
        }
        """);

    [Fact]
    public Task FNF0100_EmptyFlavourEnum() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum {|FNF0100:Flavour|} { }
            public partial struct Event { [Feature] public float Y; }
        }
        """);

    [Fact]
    public Task FNF0101_NoFeature() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct {|FNF0101:Event|} { [Kinematic] public float X; }
        }
        """);

    [Fact]
    public Task FNF0101_NoEventStruct() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        public partial class {|FNF0101:Minimal|}
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
        }
        """);

    [Fact]
    public Task FNF0102_DuplicateNameAcrossDeclarations() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Feature] public float {|FNF0102:A|}; }
            public partial struct Nuisances { [RateNuisance(nameof(Flavour.A), Kappa = 1.1)] public double {|FNF0102:A|}; }
        }
        """);

    [Fact]
    public Task FNF0102_DuplicateNameOfFlavourPoiVariableAndNuisance() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] Mu }
            public partial struct Event { [Kinematic] public float X; [Feature] public float Y; }
            public partial struct Nuisances { [ShapeNuisance(Moves = [nameof(Event.Y)])] public double {|FNF0102:X|}; }
            public partial struct Pois { [Poi(Scales = [nameof(Flavour.Mu)])] public double {|FNF0102:Mu|}; }
        }
        """);

    [Fact]
    public Task FNF0103_DuplicateColumn() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event
            {
                [Feature(Column = "y")] public float Y1;
                [Feature({|FNF0103:Column = "y"|})] public float Y2;
                [Feature] public float {|FNF0103:y|};
            }
        }
        """);

    [Fact]
    public Task FNF0104_UnknownFlavour() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Feature] public float Y; }
            public partial struct Nuisances
            {
                [ShapeNuisance(Moves = [nameof(Event.Y)], Flavours = [nameof(Flavour.A), {|FNF0104:"C"|}])] public double Shape;
                [RateNuisance({|FNF0104:"B"|}, Kappa = 1.1)] public double NormB;
            }
            public partial struct Pois { [Poi(Scales = [{|FNF0104:nameof(Nuisances)|}])] public double Mu; }
        }
        """);

    [Fact]
    public Task FNF0105_UnknownVariable() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        [DistributionOfInterest(Of = [nameof(Event.Y)], Given = [{|FNF0105:"Z"|}])]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Feature] public float Y; }
            public partial struct Nuisances
            {
                [ShapeNuisance(Moves = [nameof(Event.Y), {|FNF0105:nameof(Nuisances.Shape)|}])] public double Shape;
            }
        }
        """);

    [Fact]
    public Task FNF0105_DoiOverUnknownVariable() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        [DistributionOfInterest(Of = [nameof(Event.Y), {|FNF0105:"Y2"|}])]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Kinematic] public float X; [Feature] public float Y; }
        }
        """);

    [Fact]
    public Task FNF0107_NonPositiveKappa() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Feature] public float Y; }
            public partial struct Nuisances
            {
                [RateNuisance(nameof(Flavour.A), {|FNF0107:Kappa = -1.1|})] public double Negative;
                [RateNuisance(nameof(Flavour.A), {|FNF0107:KappaDown = 0|}, KappaUp = 1.1)] public double ZeroDown;
            }
        }
        """);

    [Fact]
    public Task FNF0107_ZeroKappaAndNonPositiveKappaUp() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Feature] public float Y; }
            public partial struct Nuisances
            {
                [RateNuisance(nameof(Flavour.A), {|FNF0107:Kappa = 0|})] public double Zero;
                [RateNuisance(nameof(Flavour.A), KappaDown = 0.9, {|FNF0107:KappaUp = -1.2|})] public double NegativeUp;
            }
        }
        """);

    [Fact]
    public Task FNF0108_InconsistentKappa() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Feature] public float Y; }
            public partial struct Nuisances
            {
                [RateNuisance(nameof(Flavour.A), Kappa = 1.1, {|FNF0108:KappaUp = 1.2|})] public double Both;
                [{|FNF0108:RateNuisance(nameof(Flavour.A))|}] public double Neither;
                [RateNuisance(nameof(Flavour.A), {|FNF0108:KappaDown = 0.9|})] public double DownOnly;
                [RateNuisance(nameof(Flavour.A), KappaDown = 1.05, {|FNF0108:KappaUp = 1.2|})] public double SameSide;
            }
        }
        """);

    [Fact]
    public Task FNF0109_DoiOverNonFeature() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        [DistributionOfInterest(Of = [nameof(Event.Y), {|FNF0109:nameof(Event.X)|}], Given = [])]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Kinematic] public float X; [Feature] public float Y; }
        }
        """);

    [Fact]
    public Task FNF0110_DoiConditionedOnItself() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        [DistributionOfInterest(Of = [nameof(Event.Y)], Given = [nameof(Event.X), {|FNF0110:nameof(Event.Y)|}])]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Kinematic] public float X; [Feature] public float Y; }
        }
        """);

    [Fact]
    public Task FNF0121_DoiGivenNonKinematic() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        [DistributionOfInterest(Of = [nameof(Event.Y)], Given = [nameof(Event.X), {|FNF0121:nameof(Event.Z)|}])]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Kinematic] public float X; [Feature] public float Y; [Feature] public float Z; }
        }
        """);

    [Fact]
    public Task FNF0111_ShapeNuisanceMovesNothing() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Feature] public float Y; }
            public partial struct Nuisances
            {
                [{|FNF0111:ShapeNuisance(Prior.Gaussian)|}] public double Unset;
                [ShapeNuisance({|FNF0111:Moves = []|})] public double Empty;
            }
        }
        """);

    [Fact]
    public Task FNF0112_InvalidSizes() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        [FeatureFlow({|FNF0112:Bins = 1|}, {|FNF0112:Layers = 0|})]
        [KinematicFlow({|FNF0112:Hidden = []|})]
        [DistributionOfInterest(Hidden = [64, {|FNF0112:0|}])]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Feature] public float Y; }
            public partial struct Nuisances
            {
                [ShapeNuisance(Moves = [nameof(Event.Y)], Hidden = [{|FNF0112:-32|}])] public double Shape;
            }
        }
        """);

    [Fact]
    public Task FNF0112_InvalidSizesOfDoiKinematicFlowAndHead() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        [KinematicFlow({|FNF0112:Layers = 0|}, Hidden = [{|FNF0112:0|}, 64])]
        [DistributionOfInterest({|FNF0112:Layers = -1|}, {|FNF0112:Bins = 0|})]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Kinematic] public float X; [Feature] public float Y; }
            public partial struct Nuisances
            {
                [ShapeNuisance(Moves = [nameof(Event.Y)], {|FNF0112:Hidden = []|})] public double Shape;
            }
        }
        """);

    [Fact]
    public Task FNF0113_PoiScalesNothing() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Feature] public float Y; }
            public partial struct Pois
            {
                [{|FNF0113:Poi|}] public double Unset;
                [Poi({|FNF0113:Scales = []|})] public double Empty;
            }
        }
        """);

    [Fact]
    public Task FNF0114_ConditionalWithoutKinematic() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis({|FNF0114:Likelihood = LikelihoodMode.Conditional|})]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Feature] public float Y; }
        }
        """);

    [Fact]
    public Task FNF0115_NonPositiveYield() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum Flavour { [Flavour({|FNF0115:Yield = 0|})] A, [{|FNF0115:Flavour|}] B, [Flavour({|FNF0115:Yield = double.NaN|})] C }
            public partial struct Event { [Feature] public float Y; }
        }
        """);

    [Fact]
    public Task FNF0116_EmptyRange() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Feature(Min = 1, {|FNF0116:Max = 1|})] public float Y; }
        }
        """);

    [Fact]
    public Task FNF0117_FlavourScaledTwice() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Feature] public float Y; }
            public partial struct Pois
            {
                [Poi(Scales = [nameof(Flavour.A)])] public double Mu;
                [Poi(Scales = [{|FNF0117:nameof(Flavour.A)|}])] public double Nu;
            }
        }
        """);

    [Fact]
    public Task FNF0118_InvalidPoiBounds() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Feature] public float Y; }
            public partial struct Pois
            {
                [{|FNF0118:Poi(Scales = [nameof(Flavour.A)], Initial = 20)|}] public double Mu;
            }
        }
        """);

    [Fact]
    public Task FNF0119_DoiMapsNothing() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        [DistributionOfInterest({|FNF0119:Of = []|})]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Feature] public float Y; }
        }
        """);

    [Fact]
    public Task FNF0120_ReservedName() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Feature] public float Y; [Feature] public float {|FNF0120:FromBatches|}; }
            public partial struct Nuisances { [RateNuisance(nameof(Flavour.A), Kappa = 1.1)] public double {|FNF0120:Count|}; }
            public partial struct Pois { [Poi(Scales = [nameof(Flavour.A)])] public double {|FNF0120:Initial|}; }
        }
        """);

    [Fact]
    public Task FNF0120_ReservedTensorConversionNames() => Verifiers.Generator("""
        using FnfDsl;
        [Analysis]
        public partial class Minimal
        {
            public enum Flavour { [Flavour(Yield = 100)] A }
            public partial struct Event { [Feature] public float Y; [Feature] public float {|FNF0120:ToEventData|}; [Feature] public float {|FNF0120:FromTensors|}; }
            public partial struct Nuisances { [RateNuisance(nameof(Flavour.A), Kappa = 1.1)] public double {|FNF0120:ToTensor|}; }
            public partial struct Pois { [Poi(Scales = [nameof(Flavour.A)])] public double {|FNF0120:FromTensor|}; }
        }
        """);

    [Fact]
    public Task MalformedShapeIsLeftToTheAnalyzer() =>
        // Not partial: the analyzer reports FNF0001; the generator stays silent and generates nothing.
        Verifiers.Generator("""
            using FnfDsl;
            [Analysis]
            public class Minimal
            {
                public enum Flavour { }
                public partial struct Event { }
            }
            """);
}
