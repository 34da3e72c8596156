using static TorchSharp.torch;

namespace FnfDsl.Analysis;

/// <summary>
/// Means and widths of the standardisations inside an analysis' flows: x and y from nominal simulation,
/// the DoI features from data. They are buffers of the model, so a loaded model restores them.
/// </summary>
public sealed record Normalization(double[] XMean, double[] XStd, double[] YMean, double[] YStd, double[] DoiMean, double[] DoiStd)
{
    /// <summary>The identity standardisation (a placeholder that loading a saved model overwrites).</summary>
    public static Normalization Unit(int dx, int dy, int doiDim) =>
        new(Fill(dx, 0), Fill(dx, 1), Fill(dy, 0), Fill(dy, 1), Fill(doiDim, 0), Fill(doiDim, 1));

    /// <summary>Means and widths of nominal simulation (x, y) and of the data's DoI features.</summary>
    public static Normalization Fit(Tensor simulationX, Tensor simulationY, Tensor dataDoiFeatures) =>
        new(Mean(simulationX), Std(simulationX), Mean(simulationY), Std(simulationY), Mean(dataDoiFeatures), Std(dataDoiFeatures));

    private static double[] Fill(int n, double v) => Enumerable.Repeat(v, n).ToArray();

    private static double[] Mean(Tensor t)
    {
        using var m = t.to_type(ScalarType.Float64).mean(new long[] { 0 });
        return m.data<double>().ToArray();
    }

    private static double[] Std(Tensor t)
    {
        using var s = t.to_type(ScalarType.Float64).std(0, unbiased: false);
        var values = s.data<double>().ToArray();
        for (int i = 0; i < values.Length; i++)
            if (!(values[i] > 0)) throw new ArgumentException($"Column {i} is constant: it cannot be standardised.");
        return values;
    }
}
