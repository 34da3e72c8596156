namespace FnfDsl.Generators.Model;

/// <summary>
/// A log-normal rate nuisance as declared: either symmetric (Kappa) or asymmetric (KappaDown, KappaUp:
/// the yield factors at nu = -1 and +1, datacard convention).
/// </summary>
public sealed record RateNuisanceModel(string Name, string Flavour, double? Kappa, double? KappaDown, double? KappaUp, PriorKind Prior);
