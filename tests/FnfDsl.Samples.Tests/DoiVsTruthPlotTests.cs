using FnfDsl.Pipeline.Plots;
using FnfDsl.Pipeline.Tests.Report;
using ToyFnf.Toy;

namespace FnfDsl.Samples.Tests;

/// <summary>The toy's own figure (c): the fitted DoI against the true inverse distortion.</summary>
public sealed class DoiVsTruthPlotTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Fact]
    public void DoiVsTruth_WritesDisplacementAndClosurePanels()
    {
        var random = new Random(9);
        int n = 3000;
        var x = Enumerable.Range(0, n).Select(_ => 0.5 + 4 * random.NextDouble()).ToArray();
        var flavour = Enumerable.Range(0, n).Select(i => i % 2).ToArray();
        var trueY1 = x.Select(v => Math.Sin(v) + 0.3 * Normal(random)).ToArray();
        var trueY2 = x.Select(v => 0.5 * v + 0.4 * Normal(random)).ToArray();
        var y1 = trueY1.Select((v, i) => v + 0.3 / (1 + x[i])).ToArray();
        var y2 = trueY2.Select((v, i) => v - 0.1 * Math.Cos(x[i])).ToArray();
        var mapped1 = y1.Select((v, i) => v - 0.28 / (1 + x[i])).ToArray();
        var mapped2 = y2.Select((v, i) => v + 0.09 * Math.Cos(x[i])).ToArray();
        string path = _folder.File("doi_vs_truth.png");

        DoiVsTruthPlot.Save(path, new DoiClosureSample(x, flavour, y1, y2, mapped1, mapped2, trueY1, trueY2), Binning.UniformEdges(0.5, 4.5, 8));

        PngImage.AssertValid(path, 2 * PlotFile.PanelWidth, 2 * 420);
    }

}
