using FnfDsl.Profiling;

namespace FnfDsl.Pipeline.Results;

/// <summary>A parameter of interest after a fit: best fit, profiled 68 % and 95 % intervals and the discovery significance.</summary>
/// <param name="Name">The POI's declared name.</param>
/// <param name="BestFit">Best-fit value.</param>
/// <param name="OneSigma">68 % interval from 2 Delta NLL = 1 of the profile (nuisances minimised).</param>
/// <param name="NinetyFive">95 % interval from 2 Delta NLL = 3.84.</param>
/// <param name="Z0">Z0 = sqrt(t_0) against the POI at 0 (one-sided: 0 for a negative best fit).</param>
public sealed record PoiFit(string Name, double BestFit, Interval OneSigma, Interval NinetyFive, double Z0);
