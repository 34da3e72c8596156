using static TorchSharp.torch;

namespace FnfDsl.Likelihood;

/// <summary>The Gaussian constraint 0.5 * sum_k nu_k^2 over the nuisances it names (nu in units of the prior width).</summary>
public sealed class GaussianConstraint : IConstraintTerm
{
    /// <summary>A unit-width Gaussian constraint on each of the given nuisance columns.</summary>
    public GaussianConstraint(params int[] nuisances) => Nuisances = nuisances;

    /// <summary>The constrained nuisance columns.</summary>
    public int[] Nuisances { get; }

    /// <inheritdoc/>
    public Tensor Value(Tensor nu)
    {
        using var scope = NewDisposeScope();
        if (Nuisances.Length == 0) return zeros([], dtype: nu.dtype).MoveToOuterDisposeScope();
        Tensor constrained = nu.index_select(0, tensor(Nuisances.Select(k => (long)k).ToArray()));
        return constrained.square().sum().mul(0.5).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public void CheckIndices(int nuisanceCount)
    {
        foreach (int k in Nuisances)
            if (k < 0 || k >= nuisanceCount)
                throw new ArgumentException($"Gaussian constraint: nuisance {k} is outside [0, {nuisanceCount}).");
    }
}
