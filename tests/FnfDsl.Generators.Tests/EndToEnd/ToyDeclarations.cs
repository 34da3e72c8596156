using FnfDsl;

// The toy analysis of docs/toy-dataset.md, declared in this project so that the generator (referenced as an analyzer)
// completes it at build time: the end-to-end tests call the generated drivers directly. Sizes are the test's: tiny
// flows and heads, and yields matching the small test data set.
namespace ToyEndToEnd
{
    /// <summary>The toy analysis at test sizes.</summary>
    [Analysis(Likelihood = LikelihoodMode.Joint)]
    [DistributionOfInterest(Name = "Correction", Of = [nameof(Event.Y1), nameof(Event.Y2)], Given = [nameof(Event.X)], Layers = 1, Bins = 8, Hidden = [16, 16])]
    [FeatureFlow(Layers = 1, Bins = 8, Hidden = [16, 16])]
    [KinematicFlow(Layers = 1, Bins = 8, Hidden = [16, 16])]
    public static partial class ToyAnalysis
    {
        /// <summary>The two flavours.</summary>
        public enum Flavour
        {
            /// <summary>Flavour A.</summary>
            [Flavour(Yield = 600)] A,

            /// <summary>Flavour B.</summary>
            [Flavour(Yield = 600)] B,
        }

        /// <summary>One event: x, y1, y2.</summary>
        public partial struct Event
        {
            /// <summary>The kinematic variable.</summary>
            [Kinematic(Column = "x", Min = 0.0)] public float X;

            /// <summary>The first feature.</summary>
            [Feature(Column = "y1")] public float Y1;

            /// <summary>The second feature.</summary>
            [Feature(Column = "y2")] public float Y2;
        }

        /// <summary>The four nuisances of the toy.</summary>
        public partial struct Nuisances
        {
            /// <summary>Kinematic scale.</summary>
            [ShapeNuisance(Prior.Gaussian, Moves = [nameof(Event.X)], Hidden = [16, 16])] public double VariationX;

            /// <summary>Feature scale.</summary>
            [ShapeNuisance(Prior.Gaussian, Moves = [nameof(Event.Y1)], Hidden = [16, 16])] public double VariationY;

            /// <summary>Yield of A.</summary>
            [RateNuisance(nameof(Flavour.A), Kappa = 1.10)] public double NormA;

            /// <summary>Yield of B.</summary>
            [RateNuisance(nameof(Flavour.B), Kappa = 1.10)] public double NormB;
        }
    }
}

// The same analysis with one modelled difference (NormB's kappa): the same architecture, another fingerprint.
namespace ToyEndToEnd.Variant
{
    /// <summary>The test toy with a larger kappa on B's yield.</summary>
    [Analysis(Likelihood = LikelihoodMode.Joint)]
    [DistributionOfInterest(Name = "Correction", Of = [nameof(Event.Y1), nameof(Event.Y2)], Given = [nameof(Event.X)], Layers = 1, Bins = 8, Hidden = [16, 16])]
    [FeatureFlow(Layers = 1, Bins = 8, Hidden = [16, 16])]
    [KinematicFlow(Layers = 1, Bins = 8, Hidden = [16, 16])]
    public static partial class ToyAnalysis
    {
        /// <summary>The two flavours.</summary>
        public enum Flavour
        {
            /// <summary>Flavour A.</summary>
            [Flavour(Yield = 600)] A,

            /// <summary>Flavour B.</summary>
            [Flavour(Yield = 600)] B,
        }

        /// <summary>One event: x, y1, y2.</summary>
        public partial struct Event
        {
            /// <summary>The kinematic variable.</summary>
            [Kinematic(Column = "x", Min = 0.0)] public float X;

            /// <summary>The first feature.</summary>
            [Feature(Column = "y1")] public float Y1;

            /// <summary>The second feature.</summary>
            [Feature(Column = "y2")] public float Y2;
        }

        /// <summary>The four nuisances of the toy.</summary>
        public partial struct Nuisances
        {
            /// <summary>Kinematic scale.</summary>
            [ShapeNuisance(Prior.Gaussian, Moves = [nameof(Event.X)], Hidden = [16, 16])] public double VariationX;

            /// <summary>Feature scale.</summary>
            [ShapeNuisance(Prior.Gaussian, Moves = [nameof(Event.Y1)], Hidden = [16, 16])] public double VariationY;

            /// <summary>Yield of A.</summary>
            [RateNuisance(nameof(Flavour.A), Kappa = 1.10)] public double NormA;

            /// <summary>Yield of B.</summary>
            [RateNuisance(nameof(Flavour.B), Kappa = 1.25)] public double NormB;
        }
    }
}
