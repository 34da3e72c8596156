namespace FnfDsl.Pipeline.Plots;

/// <summary>The 1-D scans of one nuisance (e.g. step 1 and step 2 overlaid) and its injected value, if known.</summary>
/// <param name="Nuisance">Nuisance name, the panel's x-axis.</param>
/// <param name="Curves">Scans to overlay.</param>
/// <param name="Injected">True value in the data (closure runs), drawn as a vertical line; null if unknown.</param>
public sealed record Scan1D(string Nuisance, IReadOnlyList<ScanCurve> Curves, double? Injected = null);
