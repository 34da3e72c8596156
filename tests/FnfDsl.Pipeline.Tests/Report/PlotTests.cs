using FnfDsl.Pipeline.Plots;

namespace FnfDsl.Pipeline.Tests.Report;

/// <summary>Every figure class writes a valid, non-trivial PNG of the expected size from synthetic arrays, and rejects bad input before drawing.</summary>
public sealed class PlotTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly double[] XEdges = [0.2, 1.8, 2.5, 3.2, 6.0];

    [Fact]
    public void DataVsSimulation_WritesOneHistogramPairPerXBin()
    {
        var data = SyntheticSamples.Concat(SyntheticSamples.Events(2000, 0, 1, shift: 0.2), SyntheticSamples.Events(2000, 1, 2, shift: 0.2));
        var simulation = new[] { new NamedEvents("nominal A", SyntheticSamples.Events(4000, 0, 3)), new NamedEvents("nominal B", SyntheticSamples.Events(4000, 1, 4)) };
        string path = _folder.File("figures/data_vs_simulation.png");

        DataVsSimulationPlot.Save(path, data, simulation, XEdges);

        PngImage.AssertValid(path, 2 * PlotFile.PanelWidth, 4 * 460);
    }

    [Fact]
    public void PostFit_WritesHistogramsWithRatioPanels()
    {
        var a = SyntheticSamples.Events(6000, 0, 5);
        var b = SyntheticSamples.Events(6000, 1, 6);
        var data = SyntheticSamples.Concat(SyntheticSamples.Events(1500, 0, 7), SyntheticSamples.Events(1500, 1, 8));
        string path = _folder.File("postfit.png");

        PostFitPlot.Save(path, data, [new NamedEvents("flavour A", a), new NamedEvents("flavour B", b)], [0.2, 2.0, 3.0, 6.0]);

        PngImage.AssertValid(path, 2 * PlotFile.PanelWidth, 3 * 460);
    }

    [Fact]
    public void ResidualShift_WritesOnePanelPerFlavourAndFeature()
    {
        var x = SyntheticSamples.Grid(0.5, 5.0, 30);
        var curves = new List<ResidualShiftCurve>();
        foreach (string flavour in new[] { "A", "B" })
        foreach (string feature in new[] { "y1", "y2" })
        foreach (double nu in new[] { 1.0, -1.0 })
        {
            var mean = x.Select(v => 0.05 * nu * Math.Sin(v)).ToArray();
            curves.Add(new ResidualShiftCurve(flavour, feature, nu, mean, mean.Select(m => m - 0.02).ToArray(), mean.Select(m => m + 0.02).ToArray()));
        }
        string path = _folder.File("fnf_residual_shift.png");

        ResidualShiftPlot.Save(path, "variation_y", x, curves);

        PngImage.AssertValid(path, 2 * PlotFile.PanelWidth, 2 * PlotFile.PanelHeight);
    }

    [Fact]
    public void Scan1D_WritesOnePanelPerNuisanceWithBothSteps()
    {
        var grid = SyntheticSamples.Grid(-3, 3, 31);
        var scans = new[]
        {
            new Scan1D("variation_x", [new ScanCurve("step 1", grid, grid.Select(v => (v - 0.8) * (v - 0.8) / 0.25).ToArray()),
                                       ScanCurve.FromNll("step 2", grid, grid.Select(v => 100 + 0.5 * (v - 1.0) * (v - 1.0) / 0.36).ToArray())], Injected: 1.0),
            new Scan1D("variation_y", [new ScanCurve("step 1", grid, grid.Select(v => (v + 0.4) * (v + 0.4)).ToArray())]),
        };
        string path = _folder.File("scan1d.png");

        Scan1DPlot.Save(path, scans);

        PngImage.AssertValid(path, 2 * PlotFile.PanelWidth, PlotFile.PanelHeight);
    }

    [Fact]
    public void Scan2D_WritesHeatmapsWithContours()
    {
        var x = SyntheticSamples.Grid(-3, 3, 21);
        var y = SyntheticSamples.Grid(-2, 2, 15);
        double[][] Surface(double cx, double cy) => y.Select(b => x.Select(a => (a - cx) * (a - cx) + 2 * (b - cy) * (b - cy) + 0.8 * (a - cx) * (b - cy)).ToArray()).ToArray();
        var scans = new[]
        {
            new Scan2D("step 1", "variation_x", "variation_y", x, y, Surface(0.9, -0.4), BestFit: (0.9, -0.4), Injected: (1.0, -0.5)),
            new Scan2D("step 2", "variation_x", "variation_y", x, y, Surface(1.1, -0.6), BestFit: (1.1, -0.6)),
        };
        string path = _folder.File("scan2d.png");

        Scan2DPlot.Save(path, scans);

        PngImage.AssertValid(path, 2 * 600, 480);
    }

    [Fact]
    public void PrincipalModes_WritesOneArrowFieldPerMode()
    {
        var g1 = new List<double>();
        var g2 = new List<double>();
        foreach (double a in SyntheticSamples.Grid(-1, 2, 10))
        foreach (double b in SyntheticSamples.Grid(-1, 2, 10))
        {
            g1.Add(a);
            g2.Add(b);
        }
        var modes = new[]
        {
            new PrincipalMode(25.0, [0.95, -0.31], g1.Select(v => 0.02 * v).ToArray(), g2.Select(v => 0.01).ToArray()),
            new PrincipalMode(4.0, [0.31, 0.95], g1.Select(v => -0.01).ToArray(), g2.Select(v => 0.03 * v).ToArray()),
        };
        string path = _folder.File("principal_modes.png");

        PrincipalModesPlot.Save(path, "flavour A, x = 2.0", ["variation_x", "variation_y"], [.. g1], [.. g2], modes);

        PngImage.AssertValid(path, 2 * PrincipalModesPlot.PanelWidth, PrincipalModesPlot.PanelHeight);
    }

    [Fact]
    public void DoiBands_WritesEnvelopesAroundTheBestFit()
    {
        var grid = SyntheticSamples.Grid(-1.5, 2.5, 50);
        DoiBand Band(string title, double amplitude)
        {
            var central = grid.Select(v => amplitude * Math.Sin(v)).ToArray();
            return new DoiBand(title, central, central.Select(c => c - 0.02).ToArray(), central.Select(c => c + 0.02).ToArray(),
                central.Select(c => c - 0.04).ToArray(), central.Select(c => c + 0.04).ToArray());
        }
        string path = _folder.File("doi_bands.png");

        DoiBandPlot.Save(path, "y1", grid, [Band("flavour A, Δy1 at x = 2", 0.1), Band("flavour B, Δy1 at x = 3", -0.05)]);

        PngImage.AssertValid(path, 2 * PlotFile.PanelWidth, PlotFile.PanelHeight);
    }

    [Fact]
    public void MismatchedArrays_AreRejectedByNameBeforeAnyFileIsWritten()
    {
        var grid = SyntheticSamples.Grid(-3, 3, 11);
        string path = _folder.File("scan1d_bad.png");

        var error = Assert.Throws<ArgumentException>(() =>
            Scan1DPlot.Save(path, [new Scan1D("variation_x", [new ScanCurve("step 1", grid, new double[10])])]));

        Assert.Contains("variation_x/step 1.TwoDeltaNll", error.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void NonFiniteEvents_AreRejectedWithTheColumnAndRow()
    {
        var data = SyntheticSamples.Events(100, 0, 1);
        data.Features[1][37] = double.NaN;

        var error = Assert.Throws<ArgumentException>(() =>
            DataVsSimulationPlot.Save(_folder.File("a.png"), data, [new NamedEvents("A", SyntheticSamples.Events(100, 0, 2))], XEdges));

        Assert.Contains("data.Features[1]", error.Message);
        Assert.Contains("37", error.Message);
    }

    [Fact]
    public void FigurePaths_MustBePng()
    {
        var grid = SyntheticSamples.Grid(-1, 1, 5);
        Assert.Throws<ArgumentException>(() =>
            DoiBandPlot.Save(_folder.File("band.svg"), "y1", grid, [new DoiBand("t", grid, grid, grid)]));
    }
}
