using FnfDsl.Analysis;
using FnfDsl.Doi;
using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Output;
using FnfDsl.Pipeline.Plots;
using FnfDsl.Pipeline.Results;
using FnfDsl.Pipeline.Stages;
using FnfDsl.Profiling;

namespace FnfDsl.Pipeline.Diagnostics;

/// <summary>
/// The profile likelihood of every parameter of interest (method.md section 5): a scan over best +- HalfWidth conditional
/// errors (within the POI's declared range) with every other parameter minimised, its intervals and Z0 against POI = 0.
/// </summary>
public static class PoiScans
{
    /// <summary>CSV artifact of the profile of <paramref name="poi"/> in step <paramref name="step"/>.</summary>
    public static string Path(string step, string poi) => $"scans/{step}_{poi}.csv";

    /// <summary>Every artifact of step <paramref name="step"/>: a CSV per POI and the figure (none without POIs).</summary>
    public static IReadOnlyList<string> Artifacts(string step, AnalysisSpec spec) =>
        spec.Pois.Length == 0 ? [] : [.. spec.Pois.Select(p => Path(step, p.Name)), Figures.PoiScan.PathFor(step)];

    /// <summary>Scans every POI around <paramref name="best"/>, writes the CSV files and the figure, and returns the summaries.</summary>
    public static IReadOnlyList<PoiFit> Run(StageContext context, string step, string label, AnalysisProfiler profiler, double[] best, NuBox? box = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(profiler);
        var spec = profiler.Model.Spec;
        if (spec.Pois.Length == 0) return [];
        var errors = ScanScales.Conditional(profiler, best);
        var options = Minimization.For(profiler, box);
        var fits = new List<PoiFit>();
        var panels = new List<Scan1D>();
        for (int i = 0; i < spec.Pois.Length; i++)
        {
            var poi = spec.Pois[i];
            double sigma = double.IsFinite(errors[i]) && errors[i] > 0 ? errors[i] : 0.1 * (poi.Max - poi.Min);
            double low = Math.Max(Minimization.PoiLower(poi), best[i] - context.Settings.Scans.HalfWidth * sigma);
            double high = Math.Min(poi.Max, best[i] + context.Settings.Scans.HalfWidth * sigma);
            var grid = Scans.Grid(low, high, context.Settings.Scans.Points1D);
            // t_0 needs POI = 0 reachable even when the declared range starts above it.
            var lower = (double[])options.Lower!.Clone();
            lower[i] = Math.Min(lower[i], 0);
            var result = ProfileLikelihood.Analyse(profiler.Objective, best, i, grid, options with { Lower = lower });
            fits.Add(new PoiFit(poi.Name, result.BestFit, result.OneSigma, Interval.FromScan(result.Scan.Grid, result.Scan.Nll, Interval.NinetyFive), result.Z0));
            ScanCsv.Write1D(context.PathOf(Path(step, poi.Name)), poi.Name, result.Scan.Grid, result.Scan.Nll);
            panels.Add(new Scan1D(poi.Name, [ScanCurve.FromNll(label, result.Scan.Grid, result.Scan.Nll)]));
            context.Log($"{poi.Name} = {result.BestFit:G4} (68 %: [{result.OneSigma.Low:G4}, {result.OneSigma.High:G4}]), Z0 = {result.Z0:F2}");
        }
        Scan1DPlot.Save(context.PathOf(Figures.PoiScan.PathFor(step)), panels);
        return fits;
    }
}
