using System.Globalization;

namespace FnfDsl.Pipeline.Plots;

/// <summary>Figure (b): the learned FNF residual shift of each feature versus x at nu = +-1, one panel per flavour and feature.</summary>
public static class ResidualShiftPlot
{
    /// <summary>Writes the figure for nuisance <paramref name="nuisance"/>: each curve's mean shift with its band, on the grid <paramref name="x"/>.</summary>
    public static void Save(string path, string nuisance, double[] x, IReadOnlyList<ResidualShiftCurve> curves, string xLabel = "x")
    {
        ArgumentException.ThrowIfNullOrEmpty(nuisance);
        PlotInput.RequireIncreasing(nameof(x), x);
        PlotInput.RequireNonEmpty(nameof(curves), curves);
        foreach (var curve in curves)
        {
            string name = $"curve {curve.Flavour}/{curve.Feature}/nu={curve.Nu}";
            foreach (var (label, values) in new[] { ("Mean", curve.Mean), ("Low", curve.Low), ("High", curve.High) })
            {
                PlotInput.RequireLength($"{name}.{label}", values, x.Length);
                PlotInput.RequireFinite($"{name}.{label}", values);
            }
        }

        var flavours = curves.Select(c => c.Flavour).Distinct().ToList();
        var features = curves.Select(c => c.Feature).Distinct().ToList();
        var nuValues = curves.Select(c => c.Nu).Distinct().Order().ToList();
        var (figure, panels) = FigureGrid.Create(flavours.Count, features.Count);
        for (int r = 0; r < flavours.Count; r++)
        {
            for (int c = 0; c < features.Count; c++)
            {
                var plot = panels[r, c];
                PlotStyle.AddReferenceLine(plot, 0.0);
                foreach (var curve in curves.Where(k => k.Flavour == flavours[r] && k.Feature == features[c]))
                {
                    var color = PlotStyle.Series(nuValues.IndexOf(curve.Nu));
                    string nu = curve.Nu.ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture);
                    PlotStyle.AddBand(plot, x, curve.Low, curve.High, color, 0.25, null);
                    PlotStyle.AddLine(plot, x, curve.Mean, color, $"{nuisance} = {nu}", dashed: curve.Nu < 0);
                }
                PlotStyle.Label(plot, $"FNF shift of {features[c]}, flavour {flavours[r]}", xLabel, $"mean S^-1(y) - y, {features[c]}");
                PlotStyle.Legend(plot);
            }
        }
        PlotFile.Save(figure, path, features.Count * PlotFile.PanelWidth, flavours.Count * PlotFile.PanelHeight);
    }
}
