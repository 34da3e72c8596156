using FnfDsl.Analysis;
using FnfDsl.Pipeline.Results;

namespace FnfDsl.Pipeline.Diagnostics;

/// <summary>The parameter vector of a recorded fit.</summary>
public static class BestFit
{
    /// <summary>The best fit (POIs, then nuisances in nu order) recorded in <paramref name="fit"/>; a POI it does not list starts at its initial value.</summary>
    public static double[] Of(AnalysisModel model, FitSummary fit)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(fit);
        var nuisances = fit.Nuisances.ToDictionary(n => n.Name, n => n.BestFit);
        var pois = (fit.Pois ?? []).ToDictionary(p => p.Name, p => p.BestFit);
        return [.. model.Spec.Pois.Select(p => pois.TryGetValue(p.Name, out double v) ? v : p.Initial), .. model.NuisanceNames.Select(n => nuisances[n])];
    }
}
