namespace FnfDsl.Pipeline.Plots;

/// <summary>The mean shift of one feature under the FNF map at one nuisance value, as a function of x, with a band.</summary>
/// <param name="Flavour">Flavour label, e.g. "A".</param>
/// <param name="Feature">Feature label, e.g. "y1".</param>
/// <param name="Nu">Nuisance value of the map (e.g. +1 or -1).</param>
/// <param name="Mean">Mean of S(y; x, nu) - y at each x of the plot's grid.</param>
/// <param name="Low">Lower edge of the band (e.g. 16 % quantile) at each x.</param>
/// <param name="High">Upper edge of the band (e.g. 84 % quantile) at each x.</param>
public sealed record ResidualShiftCurve(string Flavour, string Feature, double Nu, double[] Mean, double[] Low, double[] High);
