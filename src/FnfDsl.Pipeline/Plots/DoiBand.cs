namespace FnfDsl.Pipeline.Plots;

/// <summary>One DoI band: the shift of one feature along a feature grid at the best fit, and its envelopes over the nuisance uncertainty.</summary>
/// <param name="Title">Panel title, e.g. "flavour A, Δy1 at x = 2.0".</param>
/// <param name="Central">Shift at the best-fit nuisances, at each grid point.</param>
/// <param name="Low68">Lower envelope over nu on the 2 Delta NLL = 1 contour (or the 16 % quantile of nu ~ N(nu_hat, H^-1)).</param>
/// <param name="High68">Upper envelope (or 84 % quantile).</param>
/// <param name="Low95">Lower 95 % envelope; null to leave out.</param>
/// <param name="High95">Upper 95 % envelope; null to leave out.</param>
public sealed record DoiBand(string Title, double[] Central, double[] Low68, double[] High68, double[]? Low95 = null, double[]? High95 = null);
