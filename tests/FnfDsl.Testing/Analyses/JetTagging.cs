using FnfDsl;

namespace FnfDsl.Testing.Analyses;

/// <summary>Three flavours (b, c, light jets), two bounded kinematics, bounded double features, five nuisances, conditional likelihood, a DoI of one feature (the snapshot tests' declaration).</summary>
[Analysis(Likelihood = LikelihoodMode.Conditional)]
[DistributionOfInterest(Of = [nameof(Event.TagB)], Given = [nameof(Event.Pt), nameof(Event.Eta)], Layers = 2, Hidden = [64, 64])]
[FeatureFlow(Layers = 3, Bins = 24, Hidden = [96, 96, 96])]
public partial class JetTagging
{
    /// <summary>Jet flavours.</summary>
    public enum Flavour
    {
        /// <summary>b jets.</summary>
        [Flavour(Yield = 120_000)] B,

        /// <summary>c jets.</summary>
        [Flavour(Yield = 40_000)] C,

        /// <summary>Light jets.</summary>
        [Flavour(Yield = 800_000)] Light,
    }

    /// <summary>One jet.</summary>
    public partial struct Event
    {
        /// <summary>Transverse momentum.</summary>
        [Kinematic(Column = "jet_pt", Min = 20, Max = 1000)] public double Pt;

        /// <summary>Pseudorapidity.</summary>
        [Kinematic(Column = "jet_eta", Min = -2.5, Max = 2.5)] public double Eta;

        /// <summary>b-tagging score.</summary>
        [Feature(Column = "score_b", Min = 0, Max = 1)] public double TagB;

        /// <summary>c-tagging score.</summary>
        [Feature(Column = "score_c", Min = 0, Max = 1)] public double TagC;
    }

    /// <summary>The nuisances.</summary>
    public partial struct Nuisances
    {
        /// <summary>Jet energy scale.</summary>
        [ShapeNuisance(Prior.Gaussian, Moves = [nameof(Event.Pt)])] public double JetEnergyScale;

        /// <summary>Track resolution of heavy-flavour jets.</summary>
        [ShapeNuisance(Prior.Gaussian, Moves = [nameof(Event.TagB), nameof(Event.TagC)], Flavours = [nameof(Flavour.B), nameof(Flavour.C)], Hidden = [64, 64])] public double TrackResolution;

        /// <summary>Light-jet mistag shape, free.</summary>
        [ShapeNuisance(Prior.Free, Moves = [nameof(Event.TagB)], Flavours = [nameof(Flavour.Light)], Up = "mistag_up", Down = "mistag_down")] public double Mistag;

        /// <summary>Rate of c jets.</summary>
        [RateNuisance(nameof(Flavour.C), KappaDown = 0.90, KappaUp = 1.15)] public double NormC;

        /// <summary>Rate of light jets.</summary>
        [RateNuisance(nameof(Flavour.Light), Kappa = 1.3)] public double NormLight;
    }
}
