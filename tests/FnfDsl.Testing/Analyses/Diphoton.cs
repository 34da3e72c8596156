using FnfDsl;

namespace FnfDsl.Testing.Analyses;

/// <summary>A resonance search: signal and background, the mass as kinematic, a signal strength Mu, no DoI (the snapshot tests' declaration).</summary>
[Analysis]
[KinematicFlow(Layers = 2, Bins = 16)]
public partial class Diphoton
{
    /// <summary>The processes.</summary>
    public enum Flavour
    {
        /// <summary>The resonance.</summary>
        [Flavour(Yield = 500, IsSignal = true)] Signal,

        /// <summary>The continuum.</summary>
        [Flavour(Yield = 20_000)] Background,
    }

    /// <summary>One diphoton event.</summary>
    public partial struct Event
    {
        /// <summary>Diphoton mass.</summary>
        [Kinematic(Column = "m_yy", Min = 100, Max = 180)] public float Mass;

        /// <summary>Classifier score.</summary>
        [Feature(Column = "score")] public float Score;
    }

    /// <summary>The nuisances.</summary>
    public partial struct Nuisances
    {
        /// <summary>Photon energy scale of the signal.</summary>
        [ShapeNuisance(Prior.Gaussian, Moves = [nameof(Event.Mass)], Flavours = [nameof(Flavour.Signal)])] public double MassScale;

        /// <summary>Luminosity.</summary>
        [RateNuisance(nameof(Flavour.Signal), Kappa = 1.025)] public double Luminosity;

        /// <summary>Background normalisation, free.</summary>
        [RateNuisance(nameof(Flavour.Background), Kappa = 2.0, Prior = Prior.Free)] public double BackgroundNorm;
    }

    /// <summary>The parameters of interest.</summary>
    public partial struct Pois
    {
        /// <summary>Signal strength.</summary>
        [Poi(Scales = [nameof(Flavour.Signal)], Initial = 1.0, Min = -1.0, Max = 20.0)] public double Mu;
    }
}
