using FnfDsl;

namespace FnfDsl.Testing.Analyses;

/// <summary>The toy analysis of docs/toy-dataset.md as the pipeline tests declare it (the sample's declaration, with its names).</summary>
[Analysis(Likelihood = LikelihoodMode.Joint)]
[DistributionOfInterest(Name = "Correction", Of = [nameof(Event.Y1), nameof(Event.Y2)], Given = [nameof(Event.X)])]
public static partial class ToyDeclaration
{
    /// <summary>The two processes.</summary>
    public enum Flavour
    {
        /// <summary>Flavour A.</summary>
        [Flavour(Yield = 50_000)] A,

        /// <summary>Flavour B.</summary>
        [Flavour(Yield = 50_000)] B,
    }

    /// <summary>One event.</summary>
    public partial struct Event
    {
        /// <summary>Kinematic x.</summary>
        [Kinematic(Column = "x", Min = 0.0)] public float X;

        /// <summary>First feature.</summary>
        [Feature(Column = "y1")] public float Y1;

        /// <summary>Second feature.</summary>
        [Feature(Column = "y2")] public float Y2;
    }

    /// <summary>The nuisances.</summary>
    public partial struct Nuisances
    {
        /// <summary>Kinematic scale.</summary>
        [ShapeNuisance(Prior.Gaussian, Moves = [nameof(Event.X), nameof(Event.Y1), nameof(Event.Y2)])] public double VariationX;

        /// <summary>Feature scale.</summary>
        [ShapeNuisance(Prior.Gaussian, Moves = [nameof(Event.Y1)])] public double VariationY;

        /// <summary>Rate of A.</summary>
        [RateNuisance(nameof(Flavour.A), Kappa = 1.10)] public double NormA;

        /// <summary>Rate of B.</summary>
        [RateNuisance(nameof(Flavour.B), Kappa = 1.10)] public double NormB;
    }
}
