namespace FnfDsl.Pipeline.Results;

/// <summary>The Poisson-bootstrap ensemble: the fit through the averaged likelihood and the spread of the replicas.</summary>
/// <param name="Replicas">Number M of replicas.</param>
/// <param name="Combined">Best fits and intervals of -log Lbar(nu) = -logsumexp_m(-NLL_m(nu)) + log M on the data.</param>
/// <param name="Spread">Per nuisance, the spread of the replicas' own best fits.</param>
public sealed record BootstrapSummary(int Replicas, IReadOnlyList<NuisanceFit> Combined, IReadOnlyList<ReplicaSpread> Spread);
