using static TorchSharp.torch;

namespace FnfDsl.Likelihood;

/// <summary>A multiplicative change of some flavours' expected yields as a function of (theta, nu), pyhf style.</summary>
public interface IYieldModifier
{
    /// <summary>Yields [F] after this modifier, from yields [F], POIs theta [P] and nuisances nu [K] (float64).</summary>
    Tensor Apply(Tensor yields, Tensor theta, Tensor nu);

    /// <summary>Throws if the modifier refers to a flavour, POI or nuisance that does not exist.</summary>
    void CheckIndices(int flavourCount, int poiCount, int nuisanceCount);
}
