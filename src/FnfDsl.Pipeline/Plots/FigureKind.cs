namespace FnfDsl.Pipeline.Plots;

/// <summary>A kind of figure of the run: where its PNG files go and what the report says about them.</summary>
/// <param name="Stem">File stem under figures/: the figure is figures/{Stem}.png, or figures/{Stem}_{variant}.png for several.</param>
/// <param name="Title">Heading in the report.</param>
/// <param name="Caption">One line saying what the figure shows.</param>
public sealed record FigureKind(string Stem, string Title, string Caption)
{
    /// <summary>Folder of the figures inside the run folder.</summary>
    public const string Folder = "figures";

    /// <summary>The artifact path of this figure, or of its <paramref name="variant"/> (e.g. "step2").</summary>
    public string PathFor(string? variant = null) =>
        variant is null ? $"{Folder}/{Stem}.png" : $"{Folder}/{Stem}_{variant}.png";

    /// <summary>True if the file name <paramref name="fileName"/> is this figure or one of its variants.</summary>
    public bool Matches(string fileName) =>
        fileName == Stem + ".png" || (fileName.StartsWith(Stem + "_", StringComparison.Ordinal) && fileName.EndsWith(".png", StringComparison.Ordinal));
}
