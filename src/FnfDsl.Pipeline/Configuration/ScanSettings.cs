namespace FnfDsl.Pipeline.Configuration;

/// <summary>Grids of the likelihood scans.</summary>
/// <param name="Points1D">Grid points of each 1-D scan.</param>
/// <param name="Points2D">Grid points per axis of each 2-D scan.</param>
/// <param name="HalfWidth">The scans cover the best fit +- this many standard errors (each at most one prior width).</param>
public sealed record ScanSettings(int Points1D, int Points2D, double HalfWidth);
