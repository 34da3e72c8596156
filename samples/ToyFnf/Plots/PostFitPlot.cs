namespace ToyFnf.Plots;

/// <summary>Figure (d): pseudo-data sampled from the fitted model against the data, per feature and x bin, with data/model ratios.</summary>
public static class PostFitPlot
{
    /// <summary>Writes the figure: <paramref name="data"/> as points, <paramref name="pseudoData"/> scaled to the data count of each x bin, its flavour components dashed.</summary>
    public static void Save(string path, EventColumns data, EventColumns pseudoData, IReadOnlyList<NamedEvents> pseudoDataByFlavour, IReadOnlyList<double> xEdges, string title = "Post-fit model vs data")
    {
        BinnedComparison.Save(
            path,
            title,
            new NamedEvents("data", data),
            new NamedEvents("fitted model (pseudo-data)", pseudoData),
            pseudoDataByFlavour,
            xEdges,
            ratioLabel: "data / model");
    }
}
