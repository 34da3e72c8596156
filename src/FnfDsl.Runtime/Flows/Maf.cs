namespace FnfDsl.Flows;

/// <summary>Masked autoregressive flows (Papamakarios et al. 2017): autoregressive affine layers from MADE conditioners.</summary>
public static class Maf
{
    /// <summary>A MAF of <paramref name="layers"/> autoregressive affine layers with MADE hidden widths <paramref name="hidden"/>.</summary>
    public static ConditionalFlow Create(int dim, int contextDim, int layers, IReadOnlyList<int> hidden, Transform? preprocessing = null) =>
        ConditionalFlow.Autoregressive(new MonotonicAffine(), dim, contextDim, layers, hidden, preprocessing);
}
