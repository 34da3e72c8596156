namespace FnfDsl.Pipeline.Plots;

/// <summary>A 2-D likelihood scan over two nuisances: 2 Delta NLL on a grid.</summary>
/// <param name="Title">Panel title, e.g. "step 2, profiled".</param>
/// <param name="NameX">Nuisance on the horizontal axis.</param>
/// <param name="NameY">Nuisance on the vertical axis.</param>
/// <param name="X">Grid values of <paramref name="NameX"/>, ascending.</param>
/// <param name="Y">Grid values of <paramref name="NameY"/>, ascending.</param>
/// <param name="TwoDeltaNll">2 Delta NLL as rows over Y and columns over X: <c>TwoDeltaNll[iy][ix]</c>.</param>
/// <param name="BestFit">The best fit (x, y), marked with a cross; null to leave out.</param>
/// <param name="Injected">The injected (x, y), marked with a star; null if unknown.</param>
public sealed record Scan2D(
    string Title,
    string NameX,
    string NameY,
    double[] X,
    double[] Y,
    double[][] TwoDeltaNll,
    (double X, double Y)? BestFit = null,
    (double X, double Y)? Injected = null);
