using FnfDsl.Pipeline.Plots;
using ScottPlot;
using PlotStyle = FnfDsl.Pipeline.Plots.PlotStyle;

namespace ToyFnf.Toy;

/// <summary>
/// Figure (c): the fitted DoI against the true inverse distortion. Top row: per flavour, the mean displacement
/// T(y) - y versus x (solid) and the true y_true - y (dashed). Bottom row: T(y_data) against the undistorted y.
/// </summary>
public static class DoiVsTruthPlot
{
    /// <summary>Events drawn in each closure scatter panel at most (an even subsample keeps the PNG legible).</summary>
    public const int MaxScatterPoints = 3000;

    /// <summary>Writes the figure; displacements are averaged in the x bins <paramref name="xEdges"/>.</summary>
    public static void Save(string path, DoiClosureSample sample, IReadOnlyList<double> xEdges, IReadOnlyList<string>? flavourNames = null)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var names = flavourNames ?? ["A", "B"];
        sample.Validate(names.Count);
        PlotInput.RequireIncreasing(nameof(xEdges), xEdges);

        string[] features = ["y1", "y2"];
        var (figure, panels) = FigureGrid.Create(2, 2);
        var centres = Binning.Centres(xEdges);
        for (int f = 0; f < 2; f++)
        {
            var top = panels[0, f];
            PlotStyle.AddReferenceLine(top, 0.0);
            for (int k = 0; k < names.Count; k++)
            {
                var fitted = MeanInBins(sample, xEdges, k, i => sample.Mapped(f)[i] - sample.Observed(f)[i]);
                var truth = MeanInBins(sample, xEdges, k, i => sample.Truth(f)[i] - sample.Observed(f)[i]);
                var color = PlotStyle.Series(k);
                AddDefined(top, centres, fitted, color, $"{names[k]}: fitted T(y) - y", dashed: false);
                AddDefined(top, centres, truth, color, $"{names[k]}: true y_true - y", dashed: true);
            }
            PlotStyle.Label(top, $"DoI displacement of {features[f]} vs x", "x", $"mean displacement of {features[f]}");
            PlotStyle.Legend(top);

            var bottom = panels[1, f];
            int stride = Math.Max(1, sample.Count / MaxScatterPoints);
            for (int k = 0; k < names.Count; k++)
            {
                var rows = Enumerable.Range(0, sample.Count).Where(i => i % stride == 0 && sample.Flavour[i] == k).ToArray();
                var points = bottom.Add.Markers(rows.Select(i => sample.Truth(f)[i]).ToArray(), rows.Select(i => sample.Mapped(f)[i]).ToArray(), MarkerShape.FilledCircle, 3, PlotStyle.Series(k).WithOpacity(0.4));
                points.LegendText = $"flavour {names[k]}";
            }
            var (low, high) = Binning.RobustRange(sample.Truth(f), sample.Mapped(f));
            var diagonal = bottom.Add.Line(low, low, high, high);
            diagonal.LineColor = Colors.Black;
            diagonal.LinePattern = LinePattern.Dashed;
            diagonal.LegendText = "T(y) = y_true";
            bottom.Axes.SetLimits(low, high, low, high);
            PlotStyle.Label(bottom, $"Closure: T(y_data) vs undistorted {features[f]}", $"true undistorted {features[f]}", $"T(y_data), {features[f]}");
            PlotStyle.Legend(bottom, Alignment.UpperLeft);
        }
        PlotFile.Save(figure, path, 2 * PlotFile.PanelWidth, 2 * 420);
    }

    /// <summary>Mean of <paramref name="value"/> over the events of flavour <paramref name="flavour"/> in each x bin; NaN for an empty bin.</summary>
    private static double[] MeanInBins(DoiClosureSample sample, IReadOnlyList<double> xEdges, int flavour, Func<int, double> value)
    {
        var sums = new double[xEdges.Count - 1];
        var counts = new int[xEdges.Count - 1];
        for (int i = 0; i < sample.Count; i++)
        {
            if (sample.Flavour[i] != flavour) continue;
            int bin = Binning.BinOf(sample.X[i], xEdges);
            if (bin < 0) continue;
            sums[bin] += value(i);
            counts[bin]++;
        }
        return sums.Select((s, b) => counts[b] > 0 ? s / counts[b] : double.NaN).ToArray();
    }

    private static void AddDefined(Plot plot, double[] xs, double[] ys, Color color, string label, bool dashed)
    {
        var keep = Enumerable.Range(0, xs.Length).Where(i => double.IsFinite(ys[i])).ToArray();
        if (keep.Length == 0) return;
        var line = PlotStyle.AddLine(plot, keep.Select(i => xs[i]).ToArray(), keep.Select(i => ys[i]).ToArray(), color, label, dashed);
        line.MarkerSize = 5;
    }
}
