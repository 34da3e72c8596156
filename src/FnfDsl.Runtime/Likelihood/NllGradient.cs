namespace FnfDsl.Likelihood;

/// <summary>A negative log-likelihood value with its gradient with respect to the POIs theta and the nuisances nu.</summary>
public sealed record NllGradient(double Value, double[] Theta, double[] Nu);
