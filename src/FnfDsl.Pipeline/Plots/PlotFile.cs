using ScottPlot;
using FnfDsl.Tables;

namespace FnfDsl.Pipeline.Plots;

/// <summary>Writes figures as PNG files atomically (temporary file, then rename; the folder is created), at a size that keeps labels readable.</summary>
public static class PlotFile
{
    /// <summary>Width in pixels of one panel.</summary>
    public const int PanelWidth = 520;

    /// <summary>Height in pixels of one panel.</summary>
    public const int PanelHeight = 380;

    /// <summary>Renders <paramref name="plot"/> to <paramref name="path"/> (a .png file).</summary>
    public static void Save(Plot plot, string path, int width = PanelWidth, int height = PanelHeight)
    {
        ArgumentNullException.ThrowIfNull(plot);
        RequirePng(path);
        WriteBytes(path, plot.GetImageBytes(width, height, ImageFormat.Png));
    }

    /// <summary>Renders the multi-panel <paramref name="figure"/> to <paramref name="path"/> (a .png file).</summary>
    public static void Save(Multiplot figure, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(figure);
        RequirePng(path);
        using var image = figure.Render(width, height);
        WriteBytes(path, image.GetImageBytes(ImageFormat.Png, 100));
    }

    private static void WriteBytes(string path, byte[] png)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.WriteStream(path, stream => stream.Write(png));
    }

    private static void RequirePng(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!path.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Figure path '{path}' must end with .png.", nameof(path));
    }
}
