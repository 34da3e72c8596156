namespace ToyFnf.Toy;

/// <summary>
/// How close the step-1 DoI brings the data to the undistorted features (truth used for this check only). The
/// likelihood fixes T only up to maps that leave each flavour's simulated density unchanged (e.g. rotations of a
/// Gaussian in its whitened coordinates), so event by event |T(y) - y_true| need not shrink; the means in bins of x
/// are fixed by the densities and must move towards the truth.
/// </summary>
/// <param name="Events">Data events compared.</param>
/// <param name="ObservedDistance">Mean over events of |y - y_true| for the distorted data.</param>
/// <param name="MappedDistance">Mean over events of |T(y) - y_true| after the fitted DoI (T of each event's true flavour, at nu_hat).</param>
/// <param name="ObservedMeanDistance">Mean over (flavour, x bin) of |mean y - mean y_true|, weighted by events.</param>
/// <param name="MappedMeanDistance">Mean over (flavour, x bin) of |mean T(y) - mean y_true|, weighted by events.</param>
/// <param name="PerFlavour">The same per true flavour.</param>
public sealed record DoiClosureSummary(
    int Events, double ObservedDistance, double MappedDistance, double ObservedMeanDistance, double MappedMeanDistance, IReadOnlyList<FlavourClosure> PerFlavour);

/// <summary>The DoI closure distances of the data events of one true flavour.</summary>
/// <param name="Flavour">Flavour name.</param>
/// <param name="Events">Its data events.</param>
/// <param name="ObservedDistance">Mean |y - y_true|.</param>
/// <param name="MappedDistance">Mean |T(y) - y_true|.</param>
/// <param name="ObservedMeanDistance">Mean over x bins of |mean y - mean y_true|, weighted by events.</param>
/// <param name="MappedMeanDistance">Mean over x bins of |mean T(y) - mean y_true|, weighted by events.</param>
public sealed record FlavourClosure(string Flavour, int Events, double ObservedDistance, double MappedDistance, double ObservedMeanDistance, double MappedMeanDistance);
