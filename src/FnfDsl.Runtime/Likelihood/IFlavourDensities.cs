using static TorchSharp.torch;

namespace FnfDsl.Likelihood;

/// <summary>Any source of per-flavour log-densities for the mixture likelihood (FNF densities, a DoI chain, analytic test densities).</summary>
public interface IFlavourDensities
{
    /// <summary>Number of flavours F.</summary>
    int FlavourCount { get; }

    /// <summary>Number of kinematic columns Dx of the events.</summary>
    int KinematicDim { get; }

    /// <summary>Number of feature columns Dy of the events.</summary>
    int FeatureDim { get; }

    /// <summary>Width K of the nu vector the source accepts.</summary>
    int NuisanceCount { get; }

    /// <summary>log p_f(y | x, nu) and log p_f(x | nu) for every flavour, given x [N, Dx], y [N, Dy] and nu [K] or [N, K] in the events' dtype.</summary>
    FlavourLogDensities LogDensities(Tensor x, Tensor y, Tensor nu);
}
