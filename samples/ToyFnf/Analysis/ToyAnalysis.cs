using FnfDsl;

namespace ToyFnf.Analysis;

/// <summary>
/// The two-flavour toy analysis of docs/toy-dataset.md, declared with the FNF DSL: the source generator adds the event
/// schema, the nuisance vector, the likelihood terms and the runtime <c>Spec</c>. The sizes are the FNF paper's
/// (appendix B); a run may shrink them (the pipeline's presets and settings), which never changes the declaration's fingerprint.
/// </summary>
[Analysis(Likelihood = LikelihoodMode.Joint)]
[DistributionOfInterest(Name = "Correction", Of = [nameof(Event.Y1), nameof(Event.Y2)], Given = [nameof(Event.X)], Layers = 3, Bins = 30, Hidden = [128, 128])]
[FeatureFlow(Layers = 2, Bins = 30, Hidden = [128, 128, 128, 128])]
[KinematicFlow(Layers = 1, Bins = 20, Hidden = [64, 64, 64])]
public static partial class ToyAnalysis
{
    /// <summary>The two processes, with the paper's expected data yields.</summary>
    public enum Flavour
    {
        /// <summary>Flavour A: u ~ N(2.0, 0.6), positive y correlation.</summary>
        [Flavour(Yield = 50_000)] A,

        /// <summary>Flavour B: u ~ N(3.0, 0.9), negative y correlation.</summary>
        [Flavour(Yield = 50_000)] B,
    }

    /// <summary>One event: the kinematic x the densities are conditioned on and the two discriminating features.</summary>
    public partial struct Event
    {
        /// <summary>Observed kinematic x = u (1 + 0.05 nu_x).</summary>
        [Kinematic(Column = "x", Min = 0.0)] public float X;

        /// <summary>First feature (distorted in data).</summary>
        [Feature(Column = "y1")] public float Y1;

        /// <summary>Second feature (distorted in data).</summary>
        [Feature(Column = "y2")] public float Y2;
    }

    /// <summary>The nuisances, in units of their prior width.</summary>
    public partial struct Nuisances
    {
        /// <summary>Kinematic scale. It moves x, and, since the features are drawn from p(y | u), it moves both features given the observed x as well.</summary>
        [ShapeNuisance(Prior.Gaussian, Moves = [nameof(Event.X), nameof(Event.Y1), nameof(Event.Y2)])] public double VariationX;

        /// <summary>Feature scale: the amplitude of the y1 mean.</summary>
        [ShapeNuisance(Prior.Gaussian, Moves = [nameof(Event.Y1)])] public double VariationY;

        /// <summary>10 % log-normal rate uncertainty of flavour A.</summary>
        [RateNuisance(nameof(Flavour.A), Kappa = 1.10)] public double NormA;

        /// <summary>10 % log-normal rate uncertainty of flavour B.</summary>
        [RateNuisance(nameof(Flavour.B), Kappa = 1.10)] public double NormB;
    }
}
