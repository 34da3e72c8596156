using System.Globalization;
using FnfDsl.Profiling;
using ScottPlot;

namespace FnfDsl.Pipeline.Plots;

/// <summary>Figure (e): 1-D likelihood scans, 2 Delta NLL versus each nuisance, with the 68 % (1) and 95 % (3.84) levels.</summary>
public static class Scan1DPlot
{
    /// <summary>Writes one panel per nuisance of <paramref name="scans"/>, at most two panels per row.</summary>
    public static void Save(string path, IReadOnlyList<Scan1D> scans)
    {
        PlotInput.RequireNonEmpty(nameof(scans), scans);
        foreach (var scan in scans)
        {
            PlotInput.RequireNonEmpty($"{scan.Nuisance}.Curves", scan.Curves);
            foreach (var curve in scan.Curves)
            {
                PlotInput.RequireIncreasing($"{scan.Nuisance}/{curve.Label}.Nu", curve.Nu);
                PlotInput.RequireLength($"{scan.Nuisance}/{curve.Label}.TwoDeltaNll", curve.TwoDeltaNll, curve.Nu.Length);
                PlotInput.RequireFinite($"{scan.Nuisance}/{curve.Label}.TwoDeltaNll", curve.TwoDeltaNll);
            }
        }

        var (rows, columns) = FigureGrid.Shape(scans.Count);
        var (figure, panels) = FigureGrid.Create(rows, columns);
        for (int s = 0; s < scans.Count; s++)
        {
            var scan = scans[s];
            var plot = panels[s / columns, s % columns];
            PlotStyle.AddReferenceLine(plot, Interval.OneSigma, "68 %");
            PlotStyle.AddReferenceLine(plot, Interval.NinetyFive, "95 %");
            for (int c = 0; c < scan.Curves.Count; c++)
            {
                var line = PlotStyle.AddLine(plot, scan.Curves[c].Nu, scan.Curves[c].TwoDeltaNll, PlotStyle.Series(c), scan.Curves[c].Label, dashed: c > 0);
                line.MarkerSize = 4;
            }
            if (scan.Injected is double injected)
            {
                var truth = plot.Add.VerticalLine(injected, 1.5f, Colors.Green, LinePattern.Dotted);
                truth.LegendText = "injected " + injected.ToString("0.###", CultureInfo.InvariantCulture);
            }
            double top = scan.Curves.SelectMany(c => c.TwoDeltaNll).Max();
            plot.Axes.SetLimitsY(-0.2, Math.Clamp(top, 5.0, 12.0));
            plot.Axes.SetLimitsX(scan.Curves.Min(c => c.Nu[0]), scan.Curves.Max(c => c.Nu[^1]));
            PlotStyle.Label(plot, $"Likelihood scan of {scan.Nuisance}", scan.Nuisance, "2 ΔNLL");
            PlotStyle.Legend(plot, Alignment.UpperCenter);
        }
        PlotFile.Save(figure, path, columns * PlotFile.PanelWidth, rows * PlotFile.PanelHeight);
    }
}
