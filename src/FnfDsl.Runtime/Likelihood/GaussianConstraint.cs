using static TorchSharp.torch;

namespace FnfDsl.Likelihood;

/// <summary>The Gaussian constraint 0.5 * sum_k (nu_k / w_k)^2 over the nuisances it names, w_k their prior widths in units of nu.</summary>
/// <remarks>nu = +-1 are a shape nuisance's variation samples; w_k = 1 (the default) makes those samples the +-1 sigma points.</remarks>
public sealed class GaussianConstraint : IConstraintTerm
{
    /// <summary>A unit-width Gaussian constraint on each of the given nuisance columns.</summary>
    public GaussianConstraint(params int[] nuisances) : this(nuisances, Enumerable.Repeat(1.0, nuisances.Length).ToArray()) { }

    /// <summary>A Gaussian constraint of width <paramref name="widths"/>[i] (in units of nu, positive) on nuisance column <paramref name="nuisances"/>[i].</summary>
    public GaussianConstraint(int[] nuisances, double[] widths)
    {
        if (widths.Length != nuisances.Length)
            throw new ArgumentException($"Gaussian constraint: {nuisances.Length} nuisances but {widths.Length} widths.", nameof(widths));
        foreach (double w in widths)
            if (!(w > 0) || double.IsInfinity(w))
                throw new ArgumentOutOfRangeException(nameof(widths), w, "Gaussian constraint widths must be positive and finite.");
        Nuisances = nuisances;
        Widths = widths;
    }

    /// <summary>The constrained nuisance columns.</summary>
    public int[] Nuisances { get; }

    /// <summary>The prior width of each constrained column, in units of nu.</summary>
    public double[] Widths { get; }

    /// <inheritdoc/>
    public Tensor Value(Tensor nu)
    {
        using var scope = NewDisposeScope();
        if (Nuisances.Length == 0) return zeros([], dtype: nu.dtype).MoveToOuterDisposeScope();
        Tensor constrained = nu.index_select(0, tensor(Nuisances.Select(k => (long)k).ToArray()));
        if (Widths.Any(w => w != 1.0)) constrained = constrained.div(tensor(Widths, dtype: nu.dtype));
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
