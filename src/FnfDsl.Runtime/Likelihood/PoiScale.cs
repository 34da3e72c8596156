using static TorchSharp.torch;

namespace FnfDsl.Likelihood;

/// <summary>A parameter of interest mu that multiplies the yields of the flavours it scales: N_f *= mu (a signal strength, or a free yield).</summary>
public sealed class PoiScale : IYieldModifier
{
    /// <summary>POI column <paramref name="poi"/> scaling <paramref name="flavours"/>.</summary>
    public PoiScale(int poi, params int[] flavours)
    {
        if (flavours.Length == 0) throw new ArgumentException("A POI scale needs at least one flavour.", nameof(flavours));
        Poi = poi;
        Flavours = flavours;
    }

    /// <summary>POI column.</summary>
    public int Poi { get; }

    /// <summary>Flavours whose yields it multiplies.</summary>
    public int[] Flavours { get; }

    /// <inheritdoc/>
    public Tensor Apply(Tensor yields, Tensor theta, Tensor nu)
    {
        using var scope = NewDisposeScope();
        Tensor scaled = zeros(yields.shape[^1], dtype: ScalarType.Bool).index_fill_(0, tensor(Flavours.Select(f => (long)f).ToArray()), true);
        return where(scaled, yields.mul(theta[Poi]), yields).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public void CheckIndices(int flavourCount, int poiCount, int nuisanceCount)
    {
        if (Poi < 0 || Poi >= poiCount)
            throw new ArgumentException($"POI scale: POI {Poi} is outside [0, {poiCount}).");
        foreach (int f in Flavours)
            if (f < 0 || f >= flavourCount)
                throw new ArgumentException($"POI scale: flavour {f} is outside [0, {flavourCount}).");
    }
}
