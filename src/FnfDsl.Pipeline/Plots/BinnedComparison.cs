using System.Globalization;
using ScottPlot;

namespace FnfDsl.Pipeline.Plots;

/// <summary>
/// Histograms of every feature in bins of x: data points against a model shape scaled to the data count of each x bin,
/// optionally with the model's labelled components and a data/model ratio panel under each histogram.
/// </summary>
public static class BinnedComparison
{
    /// <summary>Feature bins per histogram.</summary>
    public const int FeatureBins = 30;

    /// <summary>Draws the comparison into <paramref name="path"/>; <paramref name="components"/> are scaled like the model; a null <paramref name="ratioLabel"/> leaves out the ratio panels.</summary>
    public static void Save(
        string path,
        string title,
        NamedEvents data,
        NamedEvents model,
        IReadOnlyList<NamedEvents> components,
        IReadOnlyList<double> xEdges,
        string? ratioLabel,
        IReadOnlyList<string>? featureNames = null,
        string xName = "x")
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(components);
        data.Events.Validate("data");
        model.Events.Validate("model");
        foreach (var component in components) component.Events.Validate($"component '{component.Label}'");
        PlotInput.RequireIncreasing(nameof(xEdges), xEdges);
        PlotInput.RequireNonEmpty("data events", data.Events.X);
        PlotInput.RequireNonEmpty("model events", model.Events.X);

        int rows = xEdges.Count - 1, columns = data.Events.Features.Count;
        var features = featureNames ?? Enumerable.Range(1, columns).Select(d => $"y{d}").ToArray();
        PlotInput.RequireLength(nameof(featureNames), features.ToArray(), columns);
        bool ratio = ratioLabel is not null;
        var (figure, main, below) = ratio
            ? FigureGrid.CreateWithRatios(rows, columns)
            : WithoutRatios(FigureGrid.Create(rows, columns));
        for (int f = 0; f < columns; f++)
        {
            var (low, high) = Binning.RobustRange(data.Events.Feature(f), model.Events.Feature(f));
            var edges = Binning.UniformEdges(low, high, FeatureBins);
            var centres = Binning.Centres(edges);
            for (int r = 0; r < rows; r++)
            {
                double xLow = xEdges[r], xHigh = xEdges[r + 1];
                var d = Counts(data.Events, f, edges, xLow, xHigh);
                var m = Counts(model.Events, f, edges, xLow, xHigh);
                double scale = m.Sum() > 0 ? d.Sum() / m.Sum() : 0;
                var plot = main[r, f];
                int series = 0;
                foreach (var component in components)
                {
                    var c = Counts(component.Events, f, edges, xLow, xHigh);
                    PlotStyle.AddStep(plot, edges, c.Select(v => v * scale).ToArray(), PlotStyle.Series(series++), component.Label, dashed: true);
                }
                PlotStyle.AddStep(plot, edges, m.Select(v => v * scale).ToArray(), Colors.Red, model.Label);
                PlotStyle.AddPoints(plot, centres, d, d.Select(Math.Sqrt).ToArray(), PlotStyle.Data, data.Label);
                string range = string.Create(CultureInfo.InvariantCulture, $"{xName} in [{xLow:F2}, {xHigh:F2})");
                PlotStyle.Label(plot, r == 0 ? $"{title}: {features[f]}, {range}" : $"{features[f]}, {range}", ratio ? null : features[f], "events / bin");
                plot.Axes.SetLimitsX(low, high);
                if (r == 0 && f == 0) PlotStyle.Legend(plot);
                else plot.HideLegend();

                if (below is null) continue;
                var ratioPlot = below[r, f];
                var (ratios, errors, xs) = Ratios(d, m, scale, centres);
                PlotStyle.AddReferenceLine(ratioPlot, 1.0);
                PlotStyle.AddPoints(ratioPlot, xs, ratios, errors, PlotStyle.Data, null);
                PlotStyle.Label(ratioPlot, null, features[f], ratioLabel);
                ratioPlot.Axes.SetLimits(low, high, 0.5, 1.5);
            }
        }
        PlotFile.Save(figure, path, columns * PlotFile.PanelWidth, rows * (ratio ? 460 : PlotFile.PanelHeight));
    }

    private static (Multiplot, Plot[,], Plot[,]?) WithoutRatios((Multiplot Figure, Plot[,] Panels) grid) => (grid.Figure, grid.Panels, null);

    private static double[] Counts(EventColumns events, int feature, double[] edges, double xLow, double xHigh) =>
        Binning.Counts(events.Feature(feature), edges, i => events.X[i] >= xLow && events.X[i] < xHigh);

    /// <summary>data / (scale * model) per bin with its Poisson error from the data, skipping bins without model events.</summary>
    private static (double[] Ratios, double[] Errors, double[] Xs) Ratios(double[] data, double[] model, double scale, double[] centres)
    {
        var ratios = new List<double>();
        var errors = new List<double>();
        var xs = new List<double>();
        for (int i = 0; i < data.Length; i++)
        {
            double expected = scale * model[i];
            if (expected <= 0) continue;
            ratios.Add(data[i] / expected);
            errors.Add(Math.Sqrt(data[i]) / expected);
            xs.Add(centres[i]);
        }
        return (ratios.ToArray(), errors.ToArray(), xs.ToArray());
    }
}
