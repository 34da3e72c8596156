using TorchSharp;

namespace FnfDsl.Analysis;

/// <summary>Run-time choices of an <see cref="AnalysisModel"/> that the declaration does not fix.</summary>
public sealed record AnalysisModelOptions
{
    /// <summary>Floating-point type of every network and event tensor.</summary>
    public torch.ScalarType Dtype { get; init; } = torch.ScalarType.Float32;

    /// <summary>Seed of every network's initialisation.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Half-width of the spline interval of the nominal flows and the DoI, in standardised units.</summary>
    public double SplineBound { get; init; } = 5.0;

    /// <summary>Factor on the nu^2 terms of the FNF heads (method.md section 3; 1 = the plain formula).</summary>
    public double QuadraticDamping { get; init; } = 1.0;

    /// <summary>The run's yields and network sizes; null, or a null member, keeps the declaration's. Recorded in saved models and checked on load.</summary>
    public RunSizes? Sizes { get; init; }

    /// <summary>Hidden sizes of the amortized residual DoI's heads (paper: 64x2), unless <see cref="RunSizes.ResidualHidden"/> sets them.</summary>
    public int[] ResidualHidden { get; init; } = PaperDefaults.ResidualHidden;

    /// <summary>
    /// Give the residual R one more head whose nuisance column is held at 1, a nu-independent correction on top of T_hat,
    /// K + 1 times as wide as a nuisance head. At a fixed nu the K + 1 heads of R sum to one network of that width, so
    /// T(.; nu_hat) can reach every map that T(.; nu) can. Without it R adds capacity only away from nu_hat, so the
    /// profile NLL drops away from nu_hat by what T_hat left unfitted and the minimum is pulled off.
    /// </summary>
    public bool ResidualOffset { get; init; } = true;
}
