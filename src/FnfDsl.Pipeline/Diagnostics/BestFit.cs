using FnfDsl.Analysis;
using FnfDsl.Pipeline.Output;
using FnfDsl.Pipeline.Results;
using FnfDsl.Pipeline.Stages;

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

    /// <summary>The final model of a run and its fit: step 2's with a DoI, else step 1's; with the best-fit parameter vector.</summary>
    public static (AnalysisModel Model, FitSummary Fit, double[] Best) Final(StageContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var spec = context.Analysis;
        var model = ModelFile.Final(spec).Load(context);
        var fit = ArtifactJson.Read<FitSummary>(context.PathOf(spec.Doi is null ? ResultSections.Step1 : ResultSections.Step2));
        return (model, fit, Of(model, fit));
    }
}
