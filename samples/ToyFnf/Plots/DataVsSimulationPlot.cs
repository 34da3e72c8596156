namespace ToyFnf.Plots;

/// <summary>Figure (a): the distorted data against the nominal simulation, histograms of y1 and y2 in bins of x.</summary>
public static class DataVsSimulationPlot
{
    /// <summary>Writes the figure: <paramref name="data"/> as points, <paramref name="simulation"/> (both flavours) scaled to the data count of each x bin, and its flavours dashed.</summary>
    public static void Save(string path, EventColumns data, IReadOnlyList<NamedEvents> simulationByFlavour, IReadOnlyList<double> xEdges)
    {
        ArgumentNullException.ThrowIfNull(simulationByFlavour);
        PlotInput.RequireNonEmpty(nameof(simulationByFlavour), simulationByFlavour);
        var total = new EventColumns(
            simulationByFlavour.SelectMany(s => s.Events.X).ToArray(),
            simulationByFlavour.SelectMany(s => s.Events.Y1).ToArray(),
            simulationByFlavour.SelectMany(s => s.Events.Y2).ToArray());
        BinnedComparison.Save(
            path,
            "Data vs nominal simulation",
            new NamedEvents("data", data),
            new NamedEvents("nominal simulation", total),
            simulationByFlavour,
            xEdges,
            ratioLabel: "data / sim.");
    }
}
