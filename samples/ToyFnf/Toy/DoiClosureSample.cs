using FnfDsl.Pipeline.Plots;
namespace ToyFnf.Toy;

/// <summary>Data events with the fitted DoI applied and their truth, for comparing T with the true inverse distortion.</summary>
/// <param name="X">Kinematic x of each data event.</param>
/// <param name="Flavour">True flavour index of each event (0 = first of the plot's flavour names).</param>
/// <param name="Y1">Observed (distorted) y1.</param>
/// <param name="Y2">Observed (distorted) y2.</param>
/// <param name="MappedY1">y1 component of T_f(y; x) for the event's true flavour f.</param>
/// <param name="MappedY2">y2 component of T_f(y; x).</param>
/// <param name="TrueY1">Undistorted y1 (truth).</param>
/// <param name="TrueY2">Undistorted y2 (truth).</param>
public sealed record DoiClosureSample(
    double[] X,
    int[] Flavour,
    double[] Y1,
    double[] Y2,
    double[] MappedY1,
    double[] MappedY2,
    double[] TrueY1,
    double[] TrueY2)
{
    /// <summary>Number of events.</summary>
    public int Count => X.Length;

    /// <summary>Observed feature <paramref name="f"/> (0 = y1, 1 = y2).</summary>
    public double[] Observed(int f) => f == 0 ? Y1 : Y2;

    /// <summary>Mapped feature <paramref name="f"/>.</summary>
    public double[] Mapped(int f) => f == 0 ? MappedY1 : MappedY2;

    /// <summary>True feature <paramref name="f"/>.</summary>
    public double[] Truth(int f) => f == 0 ? TrueY1 : TrueY2;

    /// <summary>Checks equal lengths, finite values and flavour indices below <paramref name="flavours"/>.</summary>
    public void Validate(int flavours)
    {
        PlotInput.RequireNonEmpty(nameof(X), X);
        PlotInput.RequireFinite(nameof(X), X);
        PlotInput.RequireLength(nameof(Flavour), Flavour, Count);
        for (int i = 0; i < Count; i++)
            if (Flavour[i] < 0 || Flavour[i] >= flavours)
                throw new ArgumentException($"Flavour[{i}] = {Flavour[i]} is not a flavour index below {flavours}.", nameof(Flavour));
        foreach (var (name, values) in new[] { (nameof(Y1), Y1), (nameof(Y2), Y2), (nameof(MappedY1), MappedY1), (nameof(MappedY2), MappedY2), (nameof(TrueY1), TrueY1), (nameof(TrueY2), TrueY2) })
        {
            PlotInput.RequireLength(name, values, Count);
            PlotInput.RequireFinite(name, values);
        }
    }
}
