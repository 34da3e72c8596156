namespace FnfDsl.Likelihood;

/// <summary>A nuisance parameter with its constraint (Gaussian or free) and, for a Gaussian one, its prior width in units of nu.</summary>
/// <remarks>A unit of nu is one variation step: a shape nuisance's Up/Down samples sit at nu = +-1, a rate nuisance's kappa is its factor at nu = 1.</remarks>
public sealed record NuisanceParameter(string Name, Prior Prior = Prior.Gaussian, double Width = 1.0);
