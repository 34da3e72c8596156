using System.Globalization;
using System.Text;
using FnfDsl.Tables;

namespace FnfDsl.Pipeline.Output;

/// <summary>Likelihood scans as CSV files: a 1-D scan has columns (nuisance, nll, two_delta_nll), a 2-D scan (first, second, nll, two_delta_nll).</summary>
public static class ScanCsv
{
    /// <summary>Writes the 1-D scan of <paramref name="nuisance"/> atomically.</summary>
    public static void Write1D(string path, string nuisance, IReadOnlyList<double> grid, IReadOnlyList<double> nll)
    {
        if (grid.Count != nll.Count) throw new ArgumentException($"The scan of {nuisance} has {grid.Count} points but {nll.Count} NLL values.", nameof(nll));
        double min = nll.Min();
        var text = new StringBuilder($"{nuisance},nll,two_delta_nll\n");
        for (int i = 0; i < grid.Count; i++) text.Append(Row(grid[i], nll[i], 2 * (nll[i] - min)));
        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>Writes the 2-D scan over (<paramref name="first"/>, <paramref name="second"/>) atomically; nll[a, b] is at (gridFirst[a], gridSecond[b]).</summary>
    public static void Write2D(string path, string first, string second, IReadOnlyList<double> gridFirst, IReadOnlyList<double> gridSecond, double[,] nll)
    {
        if (nll.GetLength(0) != gridFirst.Count || nll.GetLength(1) != gridSecond.Count)
            throw new ArgumentException($"The 2-D scan is {nll.GetLength(0)} x {nll.GetLength(1)} but its grids have {gridFirst.Count} and {gridSecond.Count} points.", nameof(nll));
        double min = nll.Cast<double>().Min();
        var text = new StringBuilder($"{first},{second},nll,two_delta_nll\n");
        for (int a = 0; a < gridFirst.Count; a++)
            for (int b = 0; b < gridSecond.Count; b++)
                text.Append(Row(gridFirst[a], gridSecond[b], nll[a, b], 2 * (nll[a, b] - min)));
        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>Reads a 1-D scan written by <see cref="Write1D"/>: the grid and the NLL values.</summary>
    public static (double[] Grid, double[] Nll) Read1D(string path)
    {
        var rows = ReadRows(path, 3);
        return (rows.Select(r => r[0]).ToArray(), rows.Select(r => r[1]).ToArray());
    }

    /// <summary>Reads a 2-D scan written by <see cref="Write2D"/>: both grids and nll[a, b].</summary>
    public static (double[] GridFirst, double[] GridSecond, double[,] Nll) Read2D(string path)
    {
        var rows = ReadRows(path, 4);
        var first = rows.Select(r => r[0]).Distinct().ToArray();
        var second = rows.Select(r => r[1]).Distinct().ToArray();
        if (first.Length * second.Length != rows.Count)
            throw new InvalidDataException($"{path}: {rows.Count} rows do not form a {first.Length} x {second.Length} grid.");
        var nll = new double[first.Length, second.Length];
        for (int i = 0; i < rows.Count; i++) nll[i / second.Length, i % second.Length] = rows[i][2];
        return (first, second, nll);
    }

    private static string Row(params double[] values) =>
        string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "\n";

    private static List<double[]> ReadRows(string path, int columns)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        var lines = File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).ToList();
        var rows = new List<double[]>(lines.Count);
        for (int i = 0; i < lines.Count; i++)
        {
            var cells = lines[i].Split(',');
            if (cells.Length != columns) throw new InvalidDataException($"{path}: row {i + 1} has {cells.Length} values, expected {columns}.");
            rows.Add(cells.Select(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
                ? v : throw new InvalidDataException($"{path}: row {i + 1} holds '{c}', not a number.")).ToArray());
        }
        if (rows.Count < 2) throw new InvalidDataException($"{path}: a scan needs at least two points.");
        return rows;
    }
}
