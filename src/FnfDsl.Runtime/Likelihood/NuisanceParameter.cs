namespace FnfDsl.Likelihood;

/// <summary>A nuisance parameter in units of its prior width, with its constraint (Gaussian or free).</summary>
public sealed record NuisanceParameter(string Name, Prior Prior = Prior.Gaussian);
