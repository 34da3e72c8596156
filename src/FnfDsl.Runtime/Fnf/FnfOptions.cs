namespace FnfDsl.Fnf;

/// <summary>Structural options of an FNF transform (method.md section 3).</summary>
/// <param name="Layers">Number of stacked autoregressive affine layers; odd layers use the reversed feature order.</param>
/// <param name="QuadraticDamping">Factor on the nu_k^2 monomial, so the linear term leads early in training (1 = the plain formula).</param>
/// <param name="CrossTerms">Pairwise nu_k * nu_l terms, each with its own head (none by default).</param>
/// <param name="CrossTermDamping">Factor on the nu_k * nu_l monomials.</param>
/// <param name="Seed">Seed of the heads' initialisation; each head draws from its own stream derived from its name.</param>
public sealed record FnfOptions(
    int Layers = 1,
    double QuadraticDamping = 1.0,
    FnfCrossTerm[]? CrossTerms = null,
    double CrossTermDamping = 1.0,
    long Seed = 0);
