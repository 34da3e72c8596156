using FnfDsl.Analysis;
using ToyFnf.Analysis;
using ToyFnf.Dataset;
using ToyFnf.Inputs;
using ToyFnf.Plots;
using ToyFnf.Results;
using static TorchSharp.torch;

namespace ToyFnf.Diagnostics;

/// <summary>
/// Figure (c)'s numbers: the fitted DoI against the true inverse distortion. Each data event is mapped by T_f of its
/// true flavour at nu_hat and compared with its undistorted features (truth columns, never seen by the fit).
/// </summary>
public static class DoiClosure
{
    /// <summary>The closure sample of the data table <paramref name="data"/> (with truth columns) and its distance summary.</summary>
    public static (DoiClosureSample Sample, DoiClosureSummary Summary) Of(AnalysisModel model, EventTable data, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var events = AnalysisInputs.Events(data, source);
        var flavours = data.Ints(ToyColumns.FlavourTrue).Select(f => AnalysisInputs.FlavourIndex((ToyFlavour)f)).ToArray();
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
        return (sample, Summary(sample, model.Spec.Flavours.Select(f => f.Name).ToArray()));
    }

    private static DoiClosureSummary Summary(DoiClosureSample s, string[] flavourNames)
    {
        double Observed(int i) => Math.Sqrt(Square(s.Y1[i] - s.TrueY1[i]) + Square(s.Y2[i] - s.TrueY2[i]));
        double Mapped(int i) => Math.Sqrt(Square(s.MappedY1[i] - s.TrueY1[i]) + Square(s.MappedY2[i] - s.TrueY2[i]));
        var all = Enumerable.Range(0, s.Count).ToArray();
        var perFlavour = flavourNames.Select((name, f) =>
        {
            var rows = all.Where(i => s.Flavour[i] == f).ToArray();
            return new FlavourClosure(name, rows.Length, Mean(rows, Observed), Mean(rows, Mapped));
        }).ToList();
        return new DoiClosureSummary(s.Count, Mean(all, Observed), Mean(all, Mapped), perFlavour);
    }

    private static double Mean(int[] rows, Func<int, double> value) => rows.Length == 0 ? double.NaN : rows.Average(value);

    private static double Square(double v) => v * v;
}
