namespace FnfDsl.Pipeline.Configuration;

/// <summary>Resolution of the principal-mode fields and the DoI bands (method.md section 4, uncertainty).</summary>
/// <param name="GridPoints">Grid points per feature axis of a principal-mode shift field.</param>
/// <param name="CurvePoints">Points along the feature axis of a DoI band.</param>
/// <param name="ContourSamples">Nuisance points on the 2 Delta NLL = 1 contour whose DoIs make the band.</param>
public sealed record BandSettings(int GridPoints, int CurvePoints, int ContourSamples);
