using System.Globalization;
using ScottPlot;

namespace FnfDsl.Pipeline.Plots;

/// <summary>Figure (g): the principal-mode variations of the DoI, the shift field over (y1, y2) of each Hessian eigen-mode.</summary>
public static class PrincipalModesPlot
{
    /// <summary>Width in pixels of one mode's panel.</summary>
    public const int PanelWidth = 620;

    /// <summary>Height in pixels of one mode's panel.</summary>
    public const int PanelHeight = 560;

    /// <summary>
    /// Writes one arrow-field panel per mode at the grid points (<paramref name="gridY1"/>[i], <paramref name="gridY2"/>[i]);
    /// <paramref name="where"/> says which flavour and x the field is evaluated at (e.g. "flavour A, x = 2.0").
    /// </summary>
    public static void Save(string path, string where, IReadOnlyList<string> nuisances, double[] gridY1, double[] gridY2, IReadOnlyList<PrincipalMode> modes, string labelY1 = "y1", string labelY2 = "y2")
    {
        ArgumentNullException.ThrowIfNull(where);
        PlotInput.RequireNonEmpty(nameof(nuisances), nuisances);
        PlotInput.RequireNonEmpty(nameof(gridY1), gridY1);
        PlotInput.RequireFinite(nameof(gridY1), gridY1);
        PlotInput.RequireLength(nameof(gridY2), gridY2, gridY1.Length);
        PlotInput.RequireFinite(nameof(gridY2), gridY2);
        PlotInput.RequireNonEmpty(nameof(modes), modes);
        for (int m = 0; m < modes.Count; m++)
        {
            if (!(modes[m].Eigenvalue > 0)) throw new ArgumentException($"modes[{m}].Eigenvalue is {modes[m].Eigenvalue}; a mode needs a positive eigenvalue.", nameof(modes));
            PlotInput.RequireLength($"modes[{m}].Eigenvector", modes[m].Eigenvector, nuisances.Count);
            PlotInput.RequireLength($"modes[{m}].ShiftY1", modes[m].ShiftY1, gridY1.Length);
            PlotInput.RequireLength($"modes[{m}].ShiftY2", modes[m].ShiftY2, gridY1.Length);
            PlotInput.RequireFinite($"modes[{m}].ShiftY1", modes[m].ShiftY1);
            PlotInput.RequireFinite($"modes[{m}].ShiftY2", modes[m].ShiftY2);
        }

        var (rows, columns) = FigureGrid.Shape(modes.Count);
        var (figure, panels) = FigureGrid.Create(rows, columns);
        double spacing = GridSpacing(gridY1, gridY2);
        for (int m = 0; m < modes.Count; m++)
        {
            var mode = modes[m];
            var plot = panels[m / columns, m % columns];
            var color = PlotStyle.Series(m);
            double longest = Enumerable.Range(0, gridY1.Length).Max(i => Math.Sqrt(mode.ShiftY1[i] * mode.ShiftY1[i] + mode.ShiftY2[i] * mode.ShiftY2[i]));
            // Arrows are drawn in data coordinates, scaled so the longest spans 0.9 grid spacings; the title gives the true size.
            double scale = longest > 0 ? 0.9 * spacing / longest : 0.0;
            for (int i = 0; i < gridY1.Length; i++)
            {
                var tail = new Coordinates(gridY1[i], gridY2[i]);
                var tip = new Coordinates(gridY1[i] + scale * mode.ShiftY1[i], gridY2[i] + scale * mode.ShiftY2[i]);
                if (Math.Sqrt(Math.Pow(tip.X - tail.X, 2) + Math.Pow(tip.Y - tail.Y, 2)) < 0.05 * spacing)
                {
                    // Too short for an arrowhead: a dot says "no shift here".
                    plot.Add.Marker(tail, MarkerShape.FilledCircle, 3, color);
                    continue;
                }
                var arrow = plot.Add.Arrow(tail, tip);
                arrow.ArrowFillColor = color;
                arrow.ArrowLineColor = color;
                arrow.ArrowWidth = 2;
                arrow.ArrowheadWidth = 9;
                arrow.ArrowheadLength = 9;
                arrow.ArrowheadAxisLength = 9;
            }
            string width = (1 / Math.Sqrt(mode.Eigenvalue)).ToString("0.###", CultureInfo.InvariantCulture);
            string direction = string.Join(" ", nuisances.Select((n, k) => mode.Eigenvector[k].ToString("+0.00;-0.00", CultureInfo.InvariantCulture) + " " + n));
            string size = longest.ToString("0.####", CultureInfo.InvariantCulture);
            PlotStyle.Label(plot, $"Mode {m + 1} ({where}): width {width}, max |ΔT| = {size}\ne = {direction}", labelY1, labelY2);
            plot.Axes.SetLimits(gridY1.Min() - spacing, gridY1.Max() + spacing, gridY2.Min() - spacing, gridY2.Max() + spacing);
        }
        PlotFile.Save(figure, path, columns * PanelWidth, rows * PanelHeight);
    }

    /// <summary>Typical distance between neighbouring grid points: the smaller of the two axes' steps.</summary>
    private static double GridSpacing(double[] y1, double[] y2)
    {
        static double Step(double[] values)
        {
            var distinct = values.Distinct().Order().ToArray();
            return distinct.Length > 1 ? (distinct[^1] - distinct[0]) / (distinct.Length - 1) : 1.0;
        }
        return Math.Min(Step(y1), Step(y2));
    }
}
