using static TorchSharp.torch;

namespace FnfDsl.Likelihood;

/// <summary>
/// Densities with a part that does not depend on nu (e.g. the step-1 DoI image of the events and the amortized residual's
/// head outputs), computed once per chunk of events and reused at every nu a profiling objective evaluates.
/// </summary>
public interface IPreparableDensities : IFlavourDensities
{
    /// <summary>The nu-independent part for events x, y, detached from every dispose scope (computed without gradients).</summary>
    IDisposable Prepare(Tensor x, Tensor y);

    /// <summary>False once the parameters it was computed from have changed (e.g. trained further): prepare again.</summary>
    bool IsCurrent(IDisposable prepared);

    /// <summary>The same values as <see cref="IFlavourDensities.LogDensities"/> of the prepared events, at nu [K].</summary>
    FlavourLogDensities LogDensities(IDisposable prepared, Tensor nu);
}
