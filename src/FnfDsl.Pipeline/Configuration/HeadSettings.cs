namespace FnfDsl.Pipeline.Configuration;

/// <summary>Shape of the per-nuisance FNF heads (method.md section 3).</summary>
/// <param name="Layers">Stacked FNF affine layers (with permutations between them).</param>
/// <param name="HiddenWidth">Units per hidden layer of each head's masked MLP.</param>
/// <param name="HiddenDepth">Hidden layers of each head's masked MLP ("32x2" is width 32, depth 2).</param>
public sealed record HeadSettings(int Layers, int HiddenWidth, int HiddenDepth);
