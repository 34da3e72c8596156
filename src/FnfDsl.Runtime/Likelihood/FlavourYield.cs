namespace FnfDsl.Likelihood;

/// <summary>A flavour (physics process) of the mixture with its nominal expected yield N_f^0.</summary>
public sealed record FlavourYield(string Name, double Yield);
