namespace ToyFnf.Plots;

/// <summary>A sample of events as plain arrays: kinematic x and the two features y1, y2.</summary>
/// <param name="X">Kinematic variable of each event.</param>
/// <param name="Y1">First feature of each event.</param>
/// <param name="Y2">Second feature of each event.</param>
public sealed record EventColumns(double[] X, double[] Y1, double[] Y2)
{
    /// <summary>Number of events.</summary>
    public int Count => X.Length;

    /// <summary>Feature <paramref name="index"/> (0 = y1, 1 = y2).</summary>
    public double[] Feature(int index) => index == 0 ? Y1 : Y2;

    /// <summary>All events of <paramref name="parts"/> in one sample, in order.</summary>
    public static EventColumns Concat(IEnumerable<EventColumns> parts)
    {
        var list = parts.ToList();
        return new EventColumns([.. list.SelectMany(p => p.X)], [.. list.SelectMany(p => p.Y1)], [.. list.SelectMany(p => p.Y2)]);
    }

    /// <summary>Checks equal lengths and finite values; the error names <paramref name="name"/>, the column and the row.</summary>
    public void Validate(string name)
    {
        PlotInput.RequireFinite($"{name}.X", X);
        PlotInput.RequireLength($"{name}.Y1", Y1, X.Length);
        PlotInput.RequireLength($"{name}.Y2", Y2, X.Length);
        PlotInput.RequireFinite($"{name}.Y1", Y1);
        PlotInput.RequireFinite($"{name}.Y2", Y2);
    }
}
