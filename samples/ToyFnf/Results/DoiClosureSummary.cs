namespace ToyFnf.Results;

/// <summary>
/// How close the step-1 DoI brings the data to the undistorted features: the mean Euclidean distance of T(y) to
/// y_true against that of the observed y, over all data events and per true flavour (truth used for this check only).
/// </summary>
/// <param name="Events">Data events compared.</param>
/// <param name="ObservedDistance">Mean |y - y_true| of the distorted data.</param>
/// <param name="MappedDistance">Mean |T(y) - y_true| after the fitted DoI (T of each event's true flavour, at nu_hat).</param>
/// <param name="PerFlavour">The same per true flavour.</param>
public sealed record DoiClosureSummary(int Events, double ObservedDistance, double MappedDistance, IReadOnlyList<FlavourClosure> PerFlavour);

/// <summary>The DoI closure distances of the data events of one true flavour.</summary>
/// <param name="Flavour">Flavour name.</param>
/// <param name="Events">Its data events.</param>
/// <param name="ObservedDistance">Mean |y - y_true|.</param>
/// <param name="MappedDistance">Mean |T(y) - y_true|.</param>
public sealed record FlavourClosure(string Flavour, int Events, double ObservedDistance, double MappedDistance);
