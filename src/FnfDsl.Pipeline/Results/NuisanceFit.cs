using FnfDsl.Profiling;

namespace FnfDsl.Pipeline.Results;

/// <summary>The fitted value of one nuisance with its 68.3 % and 95 % intervals (from 2 Delta NLL = 1 and 3.84).</summary>
/// <param name="Name">Nuisance name.</param>
/// <param name="BestFit">Value at the minimum of the NLL.</param>
/// <param name="OneSigma">Interval where 2 Delta NLL &lt;= 1.</param>
/// <param name="NinetyFive">Interval where 2 Delta NLL &lt;= 3.84.</param>
/// <param name="Injected">The true value in the data when known (closure runs), else null.</param>
/// <param name="TrainingBox">
/// Step 2 only: the side of the box the amortized DoI was trained in. Scans stay inside it, so an interval side that
/// does not close before the box edge is reported as infinite: the data do not constrain the nuisance within the box.
/// </param>
public sealed record NuisanceFit(string Name, double BestFit, Interval OneSigma, Interval NinetyFive, double? Injected = null, Interval? TrainingBox = null);
