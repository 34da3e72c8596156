using FnfDsl.Analysis;
using FnfDsl.Pipeline.Inputs;
using FnfDsl.Pipeline.Plots;
using FnfDsl.Tables;
using FnfDsl.Testing.Toy;
using ToyFnf.Analysis;
using static TorchSharp.torch;

namespace ToyFnf.Toy;

/// <summary>
/// Figure (c)'s numbers: the fitted DoI against the true inverse distortion. Each data event is mapped by T_f of its
/// true flavour at nu_hat and compared with its undistorted features (truth columns, never seen by the fit).
/// </summary>
public static class DoiClosure
{
    /// <summary>The closure sample of the data table <paramref name="data"/> (with truth columns) and its distance summary.</summary>
    public static (DoiClosureSample Sample, DoiClosureSummary Summary) Of(AnalysisModel model, AnalysisInputs inputs, EventTable data, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(inputs);
        var events = inputs.Events(data, source);
        var flavours = data.Column(ToyColumns.FlavourTrue).ToDoubles().Select(f => Array.IndexOf(ToyAnalysis.FlavourNames.ToArray(), ((ToyFlavour)(int)f).ToString())).ToArray();
        int count = data.RowCount, flavourCount = model.Mixture.FlavourCount;
        var dtype = model.Options.Dtype;
        double[] mapped;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            Tensor oneHot = nn.functional.one_hot(tensor(flavours.Select(f => (long)f).ToArray()), flavourCount).to_type(dtype);
            Tensor context = cat([events.X.to_type(dtype), oneHot], 1);
            Tensor nu = tensor(model.NuHat, dtype: dtype).expand(count, -1);
            mapped = model.DataDensities(amortized: false).Map(events.Y.to_type(dtype), context, nu).Mapped.to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        }
        int y1 = ToyAnalysis.Schema.FeatureIndex.Y1, y2 = ToyAnalysis.Schema.FeatureIndex.Y2, dy = ToyAnalysis.Schema.FeatureCount;
        var sample = new DoiClosureSample(
            data.Doubles(ToyColumns.X), flavours,
            data.Doubles(ToyColumns.Y1), data.Doubles(ToyColumns.Y2),
            Enumerable.Range(0, count).Select(i => mapped[i * dy + y1]).ToArray(),
            Enumerable.Range(0, count).Select(i => mapped[i * dy + y2]).ToArray(),
            data.Doubles(ToyColumns.Y1True), data.Doubles(ToyColumns.Y2True));
        return (sample, Summary(sample, model.Spec.Flavours.Select(f => f.Name).ToArray(), Binning.QuantileEdges(sample.X, XBins)));
    }

    /// <summary>Number of x bins (equal data populations) of the mean-displacement comparison.</summary>
    public const int XBins = 8;

    private static DoiClosureSummary Summary(DoiClosureSample s, string[] flavourNames, double[] xEdges)
    {
        double Observed(int i) => Math.Sqrt(Square(s.Y1[i] - s.TrueY1[i]) + Square(s.Y2[i] - s.TrueY2[i]));
        double Mapped(int i) => Math.Sqrt(Square(s.MappedY1[i] - s.TrueY1[i]) + Square(s.MappedY2[i] - s.TrueY2[i]));
        var all = Enumerable.Range(0, s.Count).ToArray();
        var perFlavour = flavourNames.Select((name, f) =>
        {
            var rows = all.Where(i => s.Flavour[i] == f).ToArray();
            return new FlavourClosure(name, rows.Length, Mean(rows, Observed), Mean(rows, Mapped),
                MeanDistance(s, rows, xEdges, s.Observed), MeanDistance(s, rows, xEdges, s.Mapped));
        }).ToList();
        double Weighted(Func<FlavourClosure, double> value) =>
            perFlavour.Where(f => f.Events > 0).Sum(f => f.Events * value(f)) / Math.Max(1, perFlavour.Sum(f => f.Events));
        return new DoiClosureSummary(s.Count, Mean(all, Observed), Mean(all, Mapped), Weighted(f => f.ObservedMeanDistance), Weighted(f => f.MappedMeanDistance), perFlavour);
    }

    /// <summary>Over the x bins, the event-weighted mean of |mean of <paramref name="features"/> - mean of the truth| of the events <paramref name="rows"/>.</summary>
    private static double MeanDistance(DoiClosureSample s, int[] rows, double[] xEdges, Func<int, double[]> features)
    {
        double total = 0;
        int counted = 0;
        foreach (var bin in rows.GroupBy(i => Binning.BinOf(s.X[i], xEdges)).Where(g => g.Key >= 0))
        {
            var members = bin.ToArray();
            double d1 = members.Average(i => features(0)[i] - s.TrueY1[i]), d2 = members.Average(i => features(1)[i] - s.TrueY2[i]);
            total += members.Length * Math.Sqrt(d1 * d1 + d2 * d2);
            counted += members.Length;
        }
        return counted == 0 ? double.NaN : total / counted;
    }

    private static double Mean(int[] rows, Func<int, double> value) => rows.Length == 0 ? double.NaN : rows.Average(value);

    private static double Square(double v) => v * v;
}
