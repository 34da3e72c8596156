namespace FnfDsl.Pipeline.Plots;

/// <summary>Figure (d): pseudo-data sampled from the fitted model against the data, per feature and x bin, with data/model ratios.</summary>
public static class PostFitPlot
{
    /// <summary>Writes the figure: <paramref name="data"/> as points, the pseudo-data of all flavours summed and scaled to the data count of each x bin, each flavour dashed.</summary>
    public static void Save(string path, EventColumns data, IReadOnlyList<NamedEvents> pseudoDataByFlavour, IReadOnlyList<double> xEdges, string title = "Post-fit model vs data", IReadOnlyList<string>? featureNames = null, string xName = "x")
    {
        ArgumentNullException.ThrowIfNull(pseudoDataByFlavour);
        PlotInput.RequireNonEmpty(nameof(pseudoDataByFlavour), pseudoDataByFlavour);
        BinnedComparison.Save(
            path,
            title,
            new NamedEvents("data", data),
            new NamedEvents("fitted model (pseudo-data)", EventColumns.Concat(pseudoDataByFlavour.Select(p => p.Events))),
            pseudoDataByFlavour,
            xEdges,
            ratioLabel: "data / model",
            featureNames: featureNames,
            xName: xName);
    }
}
