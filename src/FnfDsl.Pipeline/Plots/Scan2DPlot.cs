using ScottPlot;

namespace FnfDsl.Pipeline.Plots;

/// <summary>Figure (f): 2-D likelihood scans as heatmaps of 2 Delta NLL with the 68 % (2.30) and 95 % (5.99) contours.</summary>
public static class Scan2DPlot
{
    /// <summary>2 Delta NLL of the 68.3 % region of two parameters.</summary>
    public const double OneSigma2D = 2.295748928898636;

    /// <summary>2 Delta NLL of the 95 % region of two parameters.</summary>
    public const double NinetyFive2D = 5.991464547107979;

    /// <summary>Colour scale top: larger values are drawn in the top colour.</summary>
    public const double ColourCeiling = 12.0;

    /// <summary>Writes one heatmap panel per scan of <paramref name="scans"/>, side by side (at most two per row).</summary>
    public static void Save(string path, IReadOnlyList<Scan2D> scans)
    {
        PlotInput.RequireNonEmpty(nameof(scans), scans);
        foreach (var scan in scans) Validate(scan);

        var (rows, columns) = FigureGrid.Shape(scans.Count);
        var (figure, panels) = FigureGrid.Create(rows, columns);
        for (int s = 0; s < scans.Count; s++)
        {
            var scan = scans[s];
            var plot = panels[s / columns, s % columns];
            int nx = scan.X.Length, ny = scan.Y.Length;
            var values = new double[ny, nx];
            var points = new Coordinates3d[ny, nx];
            for (int iy = 0; iy < ny; iy++)
            {
                for (int ix = 0; ix < nx; ix++)
                {
                    values[iy, ix] = scan.TwoDeltaNll[iy][ix];
                    points[iy, ix] = new Coordinates3d(scan.X[ix], scan.Y[iy], scan.TwoDeltaNll[iy][ix]);
                }
            }

            var heatmap = plot.Add.Heatmap(values);
            // Row 0 is the lowest Y: flip so it is drawn at the bottom; the extent puts each cell centre on its grid point.
            heatmap.FlipVertically = true;
            double dx = (scan.X[^1] - scan.X[0]) / (nx - 1), dy = (scan.Y[^1] - scan.Y[0]) / (ny - 1);
            heatmap.Extent = new CoordinateRect(scan.X[0] - dx / 2, scan.X[^1] + dx / 2, scan.Y[0] - dy / 2, scan.Y[^1] + dy / 2);
            heatmap.ManualRange = new ScottPlot.Range(0, ColourCeiling);
            plot.Add.ColorBar(heatmap).Label = "2 ΔNLL";

            var contours = plot.Add.ContourLines(points, 2);
            contours.ContourLineLevels = [OneSigma2D, NinetyFive2D];
            contours.Update(points);
            contours.LineColor = Colors.White;
            contours.LineWidth = 2;

            if (scan.BestFit is { } best)
            {
                var marker = plot.Add.Marker(best.X, best.Y, MarkerShape.Cross, 14, Colors.Red);
                marker.LegendText = "best fit";
            }
            if (scan.Injected is { } injected)
            {
                var marker = plot.Add.Marker(injected.X, injected.Y, MarkerShape.FilledDiamond, 10, Colors.LimeGreen);
                marker.LegendText = "injected";
            }
            plot.Axes.SetLimits(scan.X[0] - dx / 2, scan.X[^1] + dx / 2, scan.Y[0] - dy / 2, scan.Y[^1] + dy / 2);
            PlotStyle.Label(plot, $"{scan.Title}: contours 2ΔNLL = 2.30, 5.99", scan.NameX, scan.NameY);
            if (scan.BestFit is not null || scan.Injected is not null) PlotStyle.Legend(plot);
        }
        PlotFile.Save(figure, path, columns * 600, rows * 480);
    }

    private static void Validate(Scan2D scan)
    {
        string name = $"scan '{scan.Title}'";
        PlotInput.RequireIncreasing($"{name}.X", scan.X);
        PlotInput.RequireIncreasing($"{name}.Y", scan.Y);
        PlotInput.RequireLength($"{name}.TwoDeltaNll rows", scan.TwoDeltaNll, scan.Y.Length);
        for (int iy = 0; iy < scan.Y.Length; iy++)
        {
            PlotInput.RequireLength($"{name}.TwoDeltaNll[{iy}]", scan.TwoDeltaNll[iy], scan.X.Length);
            PlotInput.RequireFinite($"{name}.TwoDeltaNll[{iy}]", scan.TwoDeltaNll[iy]);
        }
    }
}
