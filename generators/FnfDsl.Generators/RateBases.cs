using FnfDsl.Generators.Model;

namespace FnfDsl.Generators;

/// <summary>
/// The log-normal bases of a rate nuisance in the runtime's convention (AnalysisSpec): N_f *= base^nu, with
/// the down base for nu &lt; 0 and the up base for nu &gt; 0. A symmetric kappa is both bases; a datacard pair
/// (yield factors d at nu = -1 and u at nu = +1) gives bases 1/d and u.
/// </summary>
internal static class RateBases
{
    /// <summary>The base used for nu &lt; 0.</summary>
    public static double Down(RateNuisanceModel rate) => rate.Kappa ?? 1.0 / rate.KappaDown!.Value;

    /// <summary>The base used for nu &gt; 0.</summary>
    public static double Up(RateNuisanceModel rate) => rate.Kappa ?? rate.KappaUp!.Value;
}
