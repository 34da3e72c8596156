using static TorchSharp.torch;

namespace FnfDsl.Likelihood;

/// <summary>A log-normal rate nuisance ("lnN"): N_f *= kappa_up^nu for nu &gt;= 0 and kappa_down^nu for nu &lt; 0.</summary>
/// <remarks>
/// kappa = 1.10 is a 10 % rate uncertainty. With kappa_down = kappa_up the factor is the plain kappa^nu;
/// with different kappas the derivative in nu jumps at 0 (piecewise exponential, pyhf interpolation code 1).
/// </remarks>
public sealed class LogNormalRate : IYieldModifier
{
    /// <summary>A log-normal rate on flavour <paramref name="flavour"/> driven by nuisance column <paramref name="nuisance"/>.</summary>
    public LogNormalRate(int nuisance, int flavour, double kappaDown, double kappaUp)
    {
        if (!(kappaDown > 0) || !(kappaUp > 0) || double.IsInfinity(kappaDown) || double.IsInfinity(kappaUp))
            throw new ArgumentOutOfRangeException(nameof(kappaUp), $"Log-normal kappas must be positive and finite, got {kappaDown} / {kappaUp}.");
        Nuisance = nuisance;
        Flavour = flavour;
        KappaDown = kappaDown;
        KappaUp = kappaUp;
    }

    /// <summary>A symmetric log-normal rate kappa^nu.</summary>
    public LogNormalRate(int nuisance, int flavour, double kappa) : this(nuisance, flavour, kappa, kappa) { }

    /// <summary>Nuisance column.</summary>
    public int Nuisance { get; }

    /// <summary>Flavour whose yield it scales.</summary>
    public int Flavour { get; }

    /// <summary>kappa for nu &lt; 0.</summary>
    public double KappaDown { get; }

    /// <summary>kappa for nu &gt;= 0.</summary>
    public double KappaUp { get; }

    /// <inheritdoc/>
    public Tensor Apply(Tensor yields, Tensor theta, Tensor nu)
    {
        using var scope = NewDisposeScope();
        // nu is [K] or [N, K] (one nu per event, as in the amortized DoI training): yields follow as [F] or [N, F].
        Tensor v = nu.select(-1, Nuisance).unsqueeze(-1);
        Tensor logFactor = where(v.ge(0), v.mul(Math.Log(KappaUp)), v.mul(Math.Log(KappaDown)));
        Tensor onFlavour = arange(yields.shape[^1]).eq(Flavour);
        return where(onFlavour, yields.mul(logFactor.exp()), yields).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public void CheckIndices(int flavourCount, int poiCount, int nuisanceCount)
    {
        if (Flavour < 0 || Flavour >= flavourCount)
            throw new ArgumentException($"Log-normal rate: flavour {Flavour} is outside [0, {flavourCount}).");
        if (Nuisance < 0 || Nuisance >= nuisanceCount)
            throw new ArgumentException($"Log-normal rate: nuisance {Nuisance} is outside [0, {nuisanceCount}).");
    }
}
