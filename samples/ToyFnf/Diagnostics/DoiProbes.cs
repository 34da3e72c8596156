using System.Globalization;
using ToyFnf.Dataset;
using ToyFnf.Plots;

namespace ToyFnf.Diagnostics;

/// <summary>
/// Where the DoI's variations are drawn (figures g and h): a few x values per flavour around its kinematic peak, and,
/// at each, the feature range of that flavour's data events near that x.
/// </summary>
public static class DoiProbes
{
    /// <summary>Offsets of the probed x values from a flavour's kinematic mean, in its kinematic widths.</summary>
    private static readonly double[] Offsets = [-0.8, 0.0, 0.8];

    /// <summary>Half-width of the x window whose data events set a probe's feature range.</summary>
    public const double Window = 0.25;

    /// <summary>Data events a window needs; with fewer, the flavour's whole data set sets the range.</summary>
    public const int MinimumEvents = 20;

    /// <summary>The probed x values of <paramref name="flavour"/>: its kinematic mean and +-0.8 widths (toy-dataset.md section 1), to 0.1.</summary>
    public static double[] XValues(ToyFlavour flavour) =>
        Offsets.Select(o => Math.Round(ToyModel.KinematicMean(flavour) + o * ToyModel.KinematicWidth(flavour), 1)).ToArray();

    /// <summary>The figure variant of a probe, e.g. "A_x2.5".</summary>
    public static string Variant(ToyFlavour flavour, double x) => $"{flavour}_x{x.ToString("0.0", CultureInfo.InvariantCulture)}";

    /// <summary>The 5-95 % range of each feature over the data events of <paramref name="flavour"/> with x near <paramref name="x"/>, and their medians.</summary>
    public static (double Low, double High, double Median)[] FeatureRanges(EventTable data, ToyFlavour flavour, double x)
    {
        ArgumentNullException.ThrowIfNull(data);
        var xs = data.Doubles(ToyColumns.X);
        var labels = data.Ints(ToyColumns.FlavourTrue);
        var ofFlavour = Enumerable.Range(0, data.RowCount).Where(i => labels[i] == (int)flavour).ToArray();
        if (ofFlavour.Length < 2) throw new InvalidDataException($"The data hold {ofFlavour.Length} events of flavour {flavour}: too few to place the DoI probes.");
        var near = ofFlavour.Where(i => Math.Abs(xs[i] - x) < Window).ToArray();
        var rows = near.Length >= MinimumEvents ? near : ofFlavour;
        return ToyColumns.Features.Select(column =>
        {
            var values = rows.Select(i => data.Doubles(column)[i]).Order().ToArray();
            return (Binning.Quantile(values, 0.05), Binning.Quantile(values, 0.95), Binning.Quantile(values, 0.5));
        }).ToArray();
    }

    /// <summary>A square grid of <paramref name="points"/> x <paramref name="points"/> feature values (y1 fastest) over the given ranges.</summary>
    public static (double[] Y1, double[] Y2) Grid((double Low, double High, double Median)[] ranges, int points)
    {
        var g1 = Binning.UniformEdges(ranges[0].Low, ranges[0].High, points - 1);
        var g2 = Binning.UniformEdges(ranges[1].Low, ranges[1].High, points - 1);
        return (g2.SelectMany(_ => g1).ToArray(), g2.SelectMany(v => g1.Select(_ => v)).ToArray());
    }
}
