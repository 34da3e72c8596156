using System.Globalization;
using FnfDsl.Pipeline.Results;
using ScottPlot;

namespace FnfDsl.Pipeline.Plots;

/// <summary>The pull/constraint figure: each nuisance's best fit with its 68 % interval (and Hessian error), against the prior's +-1.</summary>
public static class PullsPlot
{
    /// <summary>Writes one row per nuisance of <paramref name="nuisances"/>; <paramref name="hessianErrors"/> (same order) are drawn as thin bars.</summary>
    public static void Save(string path, IReadOnlyList<NuisanceFit> nuisances, IReadOnlyList<double> hessianErrors, IReadOnlyDictionary<string, double> truth)
    {
        ArgumentNullException.ThrowIfNull(nuisances);
        ArgumentNullException.ThrowIfNull(hessianErrors);
        ArgumentNullException.ThrowIfNull(truth);
        PlotInput.RequireNonEmpty(nameof(nuisances), nuisances);
        PlotInput.RequireLength(nameof(hessianErrors), hessianErrors.ToArray(), nuisances.Count);
        var plot = new Plot();
        int n = nuisances.Count;
        // The prior's 68 % band, in prior widths.
        var band = plot.Add.HorizontalSpan(-1, 1);
        band.FillStyle.Color = Colors.Gray.WithAlpha(0.15);
        band.LineStyle.Width = 0;
        var ticks = new List<Tick>();
        for (int i = 0; i < n; i++)
        {
            var fit = nuisances[i];
            double y = n - 1 - i;
            double low = double.IsFinite(fit.OneSigma.Low) ? fit.OneSigma.Low : fit.BestFit - 3;
            double high = double.IsFinite(fit.OneSigma.High) ? fit.OneSigma.High : fit.BestFit + 3;
            var interval = plot.Add.Line(low, y, high, y);
            interval.LineWidth = 3;
            interval.Color = PlotStyle.Series(0);
            if (double.IsFinite(hessianErrors[i]))
            {
                var error = plot.Add.Line(fit.BestFit - hessianErrors[i], y - 0.15, fit.BestFit + hessianErrors[i], y - 0.15);
                error.LineWidth = 1;
                error.Color = PlotStyle.Series(1);
            }
            var marker = plot.Add.Marker(fit.BestFit, y);
            marker.Color = PlotStyle.Data;
            if (truth.TryGetValue(fit.Name, out double t))
            {
                var truthMarker = plot.Add.Marker(t, y + 0.15, MarkerShape.OpenDiamond);
                truthMarker.Color = Colors.Green;
            }
            ticks.Add(new Tick(y, fit.Name));
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        double reach = nuisances.Select(f => Math.Max(Math.Abs(f.BestFit) + 1, 2)).Max();
        plot.Axes.SetLimitsX(-Math.Min(reach, 5), Math.Min(reach, 5));
        plot.Axes.SetLimitsY(-0.8, n - 0.2);
        PlotStyle.Label(plot, "Nuisance pulls and constraints", "nu (prior widths): 68 % interval (thick), Hessian error (thin), truth (diamond)", null);
        PlotFile.Save(plot, path, PlotFile.PanelWidth, Math.Max(PlotFile.PanelHeight, 80 + 60 * n));
    }
}
