namespace FnfDsl.Pipeline.Plots;

/// <summary>One 1-D likelihood scan: 2 Delta NLL at each nuisance value.</summary>
/// <param name="Label">Legend text, e.g. "step 1 (T fixed)".</param>
/// <param name="Nu">Scanned nuisance values, ascending.</param>
/// <param name="TwoDeltaNll">2 (NLL - min NLL) at each value.</param>
public sealed record ScanCurve(string Label, double[] Nu, double[] TwoDeltaNll)
{
    /// <summary>The curve of raw NLL values: subtracts the scan's minimum and doubles.</summary>
    public static ScanCurve FromNll(string label, double[] nu, double[] nll)
    {
        PlotInput.RequireLength(nameof(nll), nll, nu.Length);
        PlotInput.RequireFinite(nameof(nll), nll);
        PlotInput.RequireNonEmpty(nameof(nll), nll);
        double min = nll.Min();
        return new ScanCurve(label, nu, nll.Select(v => 2 * (v - min)).ToArray());
    }
}
