using ScottPlot;

namespace FnfDsl.Pipeline.Plots;

/// <summary>Multi-panel figures: a plain grid of panels, or a grid whose panels each carry a ratio panel below.</summary>
public static class FigureGrid
{
    /// <summary>A figure of <paramref name="rows"/> x <paramref name="columns"/> panels; <c>panels[r, c]</c>.</summary>
    public static (Multiplot Figure, Plot[,] Panels) Create(int rows, int columns)
    {
        if (rows < 1 || columns < 1) throw new ArgumentOutOfRangeException(nameof(rows), $"a figure needs at least one panel, got {rows} x {columns}");
        var figure = new Multiplot();
        figure.AddPlots(rows * columns);
        var layout = new ScottPlot.MultiplotLayouts.CustomGrid();
        var panels = new Plot[rows, columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                panels[r, c] = figure.GetPlot(r * columns + c);
                layout.Set(panels[r, c], new GridCell(r, c, rows, columns, 1, 1));
            }
        }
        figure.Layout = layout;
        return (figure, panels);
    }

    /// <summary>A grid where each cell is a main panel (3/4 of the height) above a ratio panel (1/4).</summary>
    public static (Multiplot Figure, Plot[,] Main, Plot[,] Ratio) CreateWithRatios(int rows, int columns)
    {
        if (rows < 1 || columns < 1) throw new ArgumentOutOfRangeException(nameof(rows), $"a figure needs at least one panel, got {rows} x {columns}");
        const int units = 4;
        var figure = new Multiplot();
        figure.AddPlots(2 * rows * columns);
        var layout = new ScottPlot.MultiplotLayouts.CustomGrid();
        var main = new Plot[rows, columns];
        var ratio = new Plot[rows, columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                int index = 2 * (r * columns + c);
                main[r, c] = figure.GetPlot(index);
                ratio[r, c] = figure.GetPlot(index + 1);
                layout.Set(main[r, c], new GridCell(r * units, c, rows * units, columns, units - 1, 1));
                layout.Set(ratio[r, c], new GridCell(r * units + units - 1, c, rows * units, columns, 1, 1));
            }
        }
        figure.Layout = layout;
        return (figure, main, ratio);
    }

    /// <summary>Rows and columns for <paramref name="count"/> panels, at most <paramref name="maxColumns"/> per row.</summary>
    public static (int Rows, int Columns) Shape(int count, int maxColumns = 2)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "need at least one panel");
        int columns = Math.Min(count, maxColumns);
        return ((count + columns - 1) / columns, columns);
    }
}
