namespace FnfDsl.Pipeline.Plots;

/// <summary>Figure (a): the distorted data against the nominal simulation, histograms of y1 and y2 in bins of x.</summary>
public static class DataVsSimulationPlot
{
    /// <summary>Writes the figure: <paramref name="data"/> as points, <paramref name="simulationByFlavour"/> (summed) scaled to the data count of each x bin, each flavour dashed.</summary>
    public static void Save(string path, EventColumns data, IReadOnlyList<NamedEvents> simulationByFlavour, IReadOnlyList<double> xEdges, IReadOnlyList<string>? featureNames = null, string xName = "x")
    {
        ArgumentNullException.ThrowIfNull(simulationByFlavour);
        PlotInput.RequireNonEmpty(nameof(simulationByFlavour), simulationByFlavour);
        var total = EventColumns.Concat(simulationByFlavour.Select(s => s.Events));
        BinnedComparison.Save(
            path,
            "Data vs nominal simulation",
            new NamedEvents("data", data),
            new NamedEvents("nominal simulation", total),
            simulationByFlavour,
            xEdges,
            ratioLabel: "data / sim.",
            featureNames: featureNames,
            xName: xName);
    }
}
