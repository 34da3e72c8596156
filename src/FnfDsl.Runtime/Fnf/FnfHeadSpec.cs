namespace FnfDsl.Fnf;

/// <summary>Declares one FNF head: the nuisance column it learns, its MLP hidden sizes, which features it may move and which flavours it applies to.</summary>
/// <param name="Name">Unique name of the head (used as its parameter prefix, so no '.').</param>
/// <param name="Nuisance">Column of the nuisance in the nu vector the transform receives.</param>
/// <param name="Hidden">Hidden layer sizes of the head's masked MLP (paper: [32, 32]).</param>
/// <param name="Moves">Feature indices the head may move; null means every feature.</param>
/// <param name="Flavours">Flavour indices the head applies to; null means every flavour.</param>
public sealed record FnfHeadSpec(string Name, int Nuisance, int[] Hidden, int[]? Moves = null, int[]? Flavours = null);
