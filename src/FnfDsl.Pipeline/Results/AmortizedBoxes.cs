using FnfDsl.Doi;
using FnfDsl.Profiling;

namespace FnfDsl.Pipeline.Results;

/// <summary>
/// The two boxes the amortized residual R was trained in, per nuisance: the wide box of step 1 and the focused box around
/// the first amortized minimum, where step 2 then fits and scans.
/// </summary>
/// <param name="Names">Nuisance names (toy names), in the model's order.</param>
/// <param name="Wide">First pass: the step-1 95 % intervals, widened to the prior's 95 % range.</param>
/// <param name="Focused">Second pass: the first amortized minimum +- <c>FocusReach</c> profiled errors, within the wide box.</param>
public sealed record AmortizedBoxes(IReadOnlyList<string> Names, IReadOnlyList<Interval> Wide, IReadOnlyList<Interval> Focused)
{
    /// <summary>The boxes of <paramref name="wide"/> and <paramref name="focused"/> by name.</summary>
    public static AmortizedBoxes Of(IReadOnlyList<string> names, NuBox wide, NuBox focused) =>
        new(names, Sides(wide), Sides(focused));

    /// <summary>The focused box, where step 2 fits and scans.</summary>
    public NuBox FocusedBox() => NuBox.FromIntervals(Focused.Select(i => (i.Low, i.High)).ToList());

    private static Interval[] Sides(NuBox box) => Enumerable.Range(0, box.Dim).Select(k => new Interval(box.Low[k], box.High[k])).ToArray();
}
