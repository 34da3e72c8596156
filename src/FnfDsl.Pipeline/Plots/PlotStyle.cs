using ScottPlot;

namespace FnfDsl.Pipeline.Plots;

/// <summary>The shared look of the ToyFnf figures: colours, histogram steps, data points, reference lines.</summary>
public static class PlotStyle
{
    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>Colour of data points.</summary>
    public static Color Data => Colors.Black;

    /// <summary>Colour of series <paramref name="index"/> (flavour A = 0 is blue, B = 1 is orange, then green, red, ...).</summary>
    public static Color Series(int index) => Palette.GetColor(index);

    /// <summary>Draws a histogram as a step line over <paramref name="edges"/>.</summary>
    public static void AddStep(Plot plot, IReadOnlyList<double> edges, IReadOnlyList<double> heights, Color color, string? label, bool dashed = false)
    {
        // A horizontal-step line holds each y until the next x, so the last height is repeated at the last edge.
        var ys = heights.Append(heights[^1]).ToArray();
        var line = plot.Add.Scatter(edges.ToArray(), ys, color);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.MarkerSize = 0;
        line.LineWidth = 2;
        if (dashed) line.LinePattern = LinePattern.Dashed;
        if (label is not null) line.LegendText = label;
    }

    /// <summary>Draws points with vertical error bars (counts with their Poisson errors, ratios, ...).</summary>
    public static void AddPoints(Plot plot, double[] xs, double[] ys, double[] errors, Color color, string? label)
    {
        var bars = plot.Add.ErrorBar(xs, ys, errors);
        bars.Color = color;
        var points = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 5, color);
        if (label is not null) points.LegendText = label;
    }

    /// <summary>Draws a line through (<paramref name="xs"/>, <paramref name="ys"/>) without markers.</summary>
    public static ScottPlot.Plottables.Scatter AddLine(Plot plot, double[] xs, double[] ys, Color color, string? label, bool dashed = false)
    {
        var line = plot.Add.ScatterLine(xs, ys, color);
        line.LineWidth = 2;
        if (dashed) line.LinePattern = LinePattern.Dashed;
        if (label is not null) line.LegendText = label;
        return line;
    }

    /// <summary>Draws the band between <paramref name="low"/> and <paramref name="high"/>, translucent.</summary>
    public static void AddBand(Plot plot, double[] xs, double[] low, double[] high, Color color, double opacity, string? label)
    {
        var band = plot.Add.FillY(xs, low, high);
        band.FillColor = color.WithOpacity(opacity);
        band.LineWidth = 0;
        if (label is not null) band.LegendText = label;
    }

    /// <summary>A grey dashed horizontal line at <paramref name="y"/>, labelled on the plot.</summary>
    public static void AddReferenceLine(Plot plot, double y, string? text = null)
    {
        var line = plot.Add.HorizontalLine(y, 1.5f, Colors.Gray, LinePattern.Dashed);
        if (text is not null)
        {
            line.LabelText = text;
            line.LabelOppositeAxis = true;
        }
    }

    /// <summary>Sets the panel's title and axis labels with font sizes that stay readable in multi-panel figures.</summary>
    public static void Label(Plot plot, string? title, string? xLabel, string? yLabel)
    {
        if (title is not null) plot.Title(title, 14);
        if (xLabel is not null) plot.XLabel(xLabel, 13);
        if (yLabel is not null) plot.YLabel(yLabel, 13);
    }

    /// <summary>Shows the legend in the upper-right corner with a compact font.</summary>
    public static void Legend(Plot plot, Alignment alignment = Alignment.UpperRight)
    {
        var legend = plot.ShowLegend(alignment);
        legend.FontSize = 11;
    }
}
