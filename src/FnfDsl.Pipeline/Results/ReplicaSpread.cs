namespace FnfDsl.Pipeline.Results;

/// <summary>How one nuisance's best fit varies over the bootstrap replicas.</summary>
/// <param name="Name">Nuisance name.</param>
/// <param name="Mean">Mean of the replicas' best fits.</param>
/// <param name="StdDev">Standard deviation of the replicas' best fits.</param>
/// <param name="Min">Smallest replica best fit.</param>
/// <param name="Max">Largest replica best fit.</param>
public sealed record ReplicaSpread(string Name, double Mean, double StdDev, double Min, double Max)
{
    /// <summary>The spread of <paramref name="bestFits"/> (at least one value).</summary>
    public static ReplicaSpread Of(string name, IReadOnlyList<double> bestFits)
    {
        if (bestFits.Count == 0) throw new ArgumentException($"No replica best fits for {name}.", nameof(bestFits));
        double mean = bestFits.Average();
        double variance = bestFits.Count > 1 ? bestFits.Sum(v => (v - mean) * (v - mean)) / (bestFits.Count - 1) : 0;
        return new ReplicaSpread(name, mean, Math.Sqrt(variance), bestFits.Min(), bestFits.Max());
    }
}
