using ScottPlot;

namespace FnfDsl.Pipeline.Plots;

/// <summary>Figure (h): DoI bands, the envelope of the DoI shift versus a feature over the nuisances allowed by the fit.</summary>
public static class DoiBandPlot
{
    /// <summary>Writes one panel per band on the feature grid <paramref name="grid"/> (axis <paramref name="featureLabel"/>), shift axis <paramref name="shiftLabel"/>.</summary>
    public static void Save(string path, string featureLabel, double[] grid, IReadOnlyList<DoiBand> bands, string shiftLabel = "DoI shift T(y; ν) - y")
    {
        ArgumentException.ThrowIfNullOrEmpty(featureLabel);
        PlotInput.RequireIncreasing(nameof(grid), grid);
        PlotInput.RequireNonEmpty(nameof(bands), bands);
        foreach (var band in bands)
        {
            if ((band.Low95 is null) != (band.High95 is null))
                throw new ArgumentException($"Band '{band.Title}' has only one 95 % envelope; give both or neither.", nameof(bands));
            var arrays = new List<(string, double[])> { ("Central", band.Central), ("Low68", band.Low68), ("High68", band.High68) };
            if (band.Low95 is not null) arrays.AddRange([("Low95", band.Low95), ("High95", band.High95!)]);
            foreach (var (name, values) in arrays)
            {
                PlotInput.RequireLength($"band '{band.Title}'.{name}", values, grid.Length);
                PlotInput.RequireFinite($"band '{band.Title}'.{name}", values);
            }
        }

        var (rows, columns) = FigureGrid.Shape(bands.Count);
        var (figure, panels) = FigureGrid.Create(rows, columns);
        for (int b = 0; b < bands.Count; b++)
        {
            var band = bands[b];
            var plot = panels[b / columns, b % columns];
            var color = PlotStyle.Series(b);
            if (band.Low95 is not null) PlotStyle.AddBand(plot, grid, band.Low95, band.High95!, color, 0.18, "95 % band");
            PlotStyle.AddBand(plot, grid, band.Low68, band.High68, color, 0.4, "68 % band");
            PlotStyle.AddLine(plot, grid, band.Central, Colors.Black, "best fit");
            PlotStyle.AddReferenceLine(plot, 0.0);
            PlotStyle.Label(plot, band.Title, featureLabel, shiftLabel);
            PlotStyle.Legend(plot);
        }
        PlotFile.Save(figure, path, columns * PlotFile.PanelWidth, rows * PlotFile.PanelHeight);
    }
}
