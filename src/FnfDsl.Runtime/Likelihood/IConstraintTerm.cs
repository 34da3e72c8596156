using static TorchSharp.torch;

namespace FnfDsl.Likelihood;

/// <summary>A penalty C(nu) added to the negative log-likelihood, pyhf style.</summary>
public interface IConstraintTerm
{
    /// <summary>The scalar penalty (float64) at nu [K].</summary>
    Tensor Value(Tensor nu);

    /// <summary>Throws if the term refers to a nuisance that does not exist.</summary>
    void CheckIndices(int nuisanceCount);
}
