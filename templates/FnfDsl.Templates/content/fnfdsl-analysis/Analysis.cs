using FnfDsl;

namespace FnfDslAnalysis;

/// <summary>
/// A small analysis: a signal peak over a falling background in one kinematic variable, one feature, a shape nuisance
/// that shifts the feature and a rate nuisance on the background; no DoI. Tiny flows and heads, so that it trains in
/// seconds.
/// </summary>
[Analysis(Likelihood = LikelihoodMode.Joint)]
[FeatureFlow(Layers = 1, Bins = 8, Hidden = [16, 16])]
[KinematicFlow(Layers = 1, Bins = 8, Hidden = [16, 16])]
public static partial class MyAnalysis
{
    /// <summary>The two processes.</summary>
    public enum Flavour
    {
        /// <summary>The peak.</summary>
        [Flavour(Yield = 1_000)] Signal,

        /// <summary>The falling background.</summary>
        [Flavour(Yield = 1_000)] Background,
    }

    /// <summary>One event.</summary>
    public partial struct Event
    {
        /// <summary>The kinematic variable.</summary>
        [Kinematic(Column = "mass", Min = 0.0)] public float Mass;

        /// <summary>The feature.</summary>
        [Feature(Column = "score")] public float Score;
    }

    /// <summary>The nuisances.</summary>
    public partial struct Nuisances
    {
        /// <summary>Shifts the score of every event by half a unit per unit of the nuisance.</summary>
        [ShapeNuisance(Prior.Gaussian, Moves = [nameof(Event.Score)], Hidden = [16, 16])] public double ScoreShift;

        /// <summary>The background yield, 20 % per unit.</summary>
        [RateNuisance(nameof(Flavour.Background), Kappa = 1.20)] public double BackgroundNorm;
    }
}
