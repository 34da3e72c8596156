namespace FnfDsl.Pipeline.Results;

/// <summary>The result of one fit step: the NLL at its minimum and every nuisance's best fit and intervals.</summary>
/// <param name="Step">Which fit: "step 1 (global fit, T fixed in the scans)" or "step 2 (amortized, profiled)".</param>
/// <param name="NllAtMinimum">NLL at the minimum.</param>
/// <param name="Pois">The parameters of interest (null when the analysis declares none).</param>
/// <param name="Nuisances">One entry per nuisance, in the analysis' order.</param>
public sealed record FitSummary(string Step, double NllAtMinimum, IReadOnlyList<NuisanceFit> Nuisances, IReadOnlyList<PoiFit>? Pois = null);
