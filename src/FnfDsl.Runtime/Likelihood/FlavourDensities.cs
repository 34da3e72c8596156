using FnfDsl.Fnf;
using static TorchSharp.torch;

namespace FnfDsl.Likelihood;

/// <summary>Per-flavour log-densities from a feature density p(y | x, f, nu) and an optional kinematic density p(x | f, nu).</summary>
/// <remarks>
/// The feature density takes the context (x, one-hot of f), the kinematic one the context (one-hot of f),
/// as in method.md section 2. All flavours are evaluated in one call on the events stacked F times.
/// </remarks>
public sealed class FlavourDensities : IFlavourDensities
{
    private readonly ISystematicDensity features;
    private readonly ISystematicDensity? kinematics;

    /// <summary>Combines a feature density and an optional kinematic density over <paramref name="flavourCount"/> flavours.</summary>
    public FlavourDensities(ISystematicDensity features, ISystematicDensity? kinematics, int flavourCount)
    {
        if (flavourCount < 1) throw new ArgumentOutOfRangeException(nameof(flavourCount), "At least one flavour is needed.");
        int kinematicDim = features.ContextDim - flavourCount;
        if (kinematicDim < 0)
            throw new ArgumentException($"The feature density's context ({features.ContextDim}) is narrower than the flavour one-hot ({flavourCount}).", nameof(features));
        if (kinematics is not null)
        {
            if (kinematics.Dim != kinematicDim)
                throw new ArgumentException($"The kinematic density has dimension {kinematics.Dim} but the feature density's context holds {kinematicDim} kinematic columns.", nameof(kinematics));
            if (kinematics.ContextDim != flavourCount)
                throw new ArgumentException($"The kinematic density's context must be the flavour one-hot ({flavourCount}), got {kinematics.ContextDim}.", nameof(kinematics));
            if (kinematics.NuisanceCount != features.NuisanceCount)
                throw new ArgumentException($"The kinematic density takes {kinematics.NuisanceCount} nuisances but the feature density {features.NuisanceCount}.", nameof(kinematics));
        }
        this.features = features;
        this.kinematics = kinematics;
        FlavourCount = flavourCount;
        KinematicDim = kinematicDim;
    }

    /// <inheritdoc/>
    public int FlavourCount { get; }

    /// <inheritdoc/>
    public int KinematicDim { get; }

    /// <inheritdoc/>
    public int FeatureDim => features.Dim;

    /// <inheritdoc/>
    public int NuisanceCount => features.NuisanceCount;

    /// <inheritdoc/>
    public FlavourLogDensities LogDensities(Tensor x, Tensor y, Tensor nu)
    {
        using var scope = NewDisposeScope();
        long n = y.shape[0];
        int f = FlavourCount;
        Tensor nuRows = nu.dim() == 2 ? nu.repeat(f, 1) : nu;
        Tensor context = FlavourContext.AllFlavours(x, f);
        Tensor logPy = features.LogProb(y.repeat(f, 1), context, nuRows).view(f, n).t();
        Tensor? logPx = null;
        if (kinematics is not null)
        {
            Tensor flavourOnly = context.narrow(1, KinematicDim, f);
            logPx = kinematics.LogProb(x.repeat(f, 1), flavourOnly, nuRows).view(f, n).t().MoveToOuterDisposeScope();
        }
        return new FlavourLogDensities(logPy.MoveToOuterDisposeScope(), logPx);
    }
}
