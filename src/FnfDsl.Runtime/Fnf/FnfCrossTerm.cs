namespace FnfDsl.Fnf;

/// <summary>An optional pairwise term nu_k * nu_l with its own head; it moves the features and flavours both named heads share.</summary>
/// <param name="First">Name of the first head (its nuisance is nu_k).</param>
/// <param name="Second">Name of the second head (its nuisance is nu_l).</param>
/// <param name="Hidden">Hidden sizes of the cross-term head; null takes the first head's sizes.</param>
public sealed record FnfCrossTerm(string First, string Second, int[]? Hidden = null);
