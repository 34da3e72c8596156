namespace FnfDsl.Generators.Tests;

/// <summary>The analysis declarations the snapshot, compile, behaviour and caching tests run on.</summary>
internal static class Declarations
{
    /// <summary>The toy analysis of docs/toy-dataset.md: flavours A and B, x kinematic, y1 and y2 features, joint likelihood.</summary>
    public const string Toy = """
        using FnfDsl;

        namespace Toy;

        [Analysis(Likelihood = LikelihoodMode.Joint)]
        [DistributionOfInterest(Name = "Correction", Of = [nameof(Event.Y1), nameof(Event.Y2)], Given = [nameof(Event.X)])]
        public static partial class ToyAnalysis
        {
            public enum Flavour
            {
                [Flavour(Yield = 50_000)] A,
                [Flavour(Yield = 50_000)] B,
            }

            public partial struct Event
            {
                [Kinematic(Column = "x", Min = 0.0)] public float X;
                [Feature(Column = "y1")] public float Y1;
                [Feature(Column = "y2")] public float Y2;
            }

            public partial struct Nuisances
            {
                [ShapeNuisance(Prior.Gaussian, Moves = [nameof(Event.X)])] public double VariationX;
                [ShapeNuisance(Prior.Gaussian, Moves = [nameof(Event.Y1)])] public double VariationY;
                [RateNuisance(nameof(Flavour.A), Kappa = 1.10)] public double NormA;
                [RateNuisance(nameof(Flavour.B), Kappa = 1.10)] public double NormB;
            }

            /// <summary>A helper of the analyst's own: the caching tests edit its body.</summary>
            public static double Luminosity() => 1.0;
        }
        """;

    /// <summary>Three flavours (b, c, light jets), two kinematics, double features, five nuisances, conditional likelihood.</summary>
    public const string ThreeFlavours = """
        using FnfDsl;

        namespace Tagging
        {
            [Analysis(Likelihood = LikelihoodMode.Conditional)]
            [DistributionOfInterest(Of = [nameof(Event.TagB)], Given = [nameof(Event.Pt), nameof(Event.Eta)], Layers = 2, Hidden = [64, 64])]
            [FeatureFlow(Layers = 3, Bins = 24, Hidden = [96, 96, 96])]
            internal partial class JetTagging
            {
                internal enum Flavour
                {
                    [Flavour(Yield = 120_000)] B,
                    [Flavour(Yield = 40_000)] C,
                    [Flavour(Yield = 800_000)] Light,
                }

                internal partial struct Event
                {
                    [Kinematic(Column = "jet_pt", Min = 20, Max = 1000)] public double Pt;
                    [Kinematic(Column = "jet_eta", Min = -2.5, Max = 2.5)] public double Eta;
                    [Feature(Column = "score_b", Min = 0, Max = 1)] public double TagB;
                    [Feature(Column = "score_c", Min = 0, Max = 1)] public double TagC;
                }

                internal partial struct Nuisances
                {
                    [ShapeNuisance(Prior.Gaussian, Moves = [nameof(Event.Pt)])] public double JetEnergyScale;
                    [ShapeNuisance(Prior.Gaussian, Moves = [nameof(Event.TagB), nameof(Event.TagC)], Flavours = [nameof(Flavour.B), nameof(Flavour.C)], Hidden = [64, 64])] public double TrackResolution;
                    [ShapeNuisance(Prior.Free, Moves = [nameof(Event.TagB)], Flavours = [nameof(Flavour.Light)], Up = "mistag_up", Down = "mistag_down")] public double Mistag;
                    [RateNuisance(nameof(Flavour.C), KappaDown = 0.90, KappaUp = 1.15)] public double NormC;
                    [RateNuisance(nameof(Flavour.Light), Kappa = 1.3)] public double NormLight;
                }
            }
        }
        """;

    /// <summary>A resonance search: signal and background, mass kinematic, a signal strength Mu; nested in a partial class.</summary>
    public const string Resonance = """
        using FnfDsl;

        namespace Searches;

        public static partial class Diphoton
        {
            [Analysis]
            [KinematicFlow(Layers = 2, Bins = 16)]
            public partial class Resonance
            {
                public enum Flavour
                {
                    [Flavour(Yield = 500, IsSignal = true)] Signal,
                    [Flavour(Yield = 20_000)] Background,
                }

                public partial struct Event
                {
                    [Kinematic(Column = "m_yy", Min = 100, Max = 180)] public float Mass;
                    [Feature(Column = "score")] public float Score;
                }

                public partial struct Nuisances
                {
                    [ShapeNuisance(Prior.Gaussian, Moves = [nameof(Event.Mass)], Flavours = [nameof(Flavour.Signal)])] public double MassScale;
                    [RateNuisance(nameof(Flavour.Signal), Kappa = 1.025)] public double Luminosity;
                    [RateNuisance(nameof(Flavour.Background), Kappa = 2.0, Prior = Prior.Free)] public double BackgroundNorm;
                }

                public partial struct Pois
                {
                    [Poi(Scales = [nameof(Flavour.Signal)], Initial = 1.0, Min = -1.0, Max = 20.0)] public double Mu;
                }
            }
        }
        """;
}
