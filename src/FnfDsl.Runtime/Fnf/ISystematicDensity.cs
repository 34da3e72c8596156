using static TorchSharp.torch;

namespace FnfDsl.Fnf;

/// <summary>A normalised density p(y | context, nu) whose shape depends on the nuisances nu.</summary>
public interface ISystematicDensity
{
    /// <summary>Dimension of y.</summary>
    int Dim { get; }

    /// <summary>Width of the context vector.</summary>
    int ContextDim { get; }

    /// <summary>Width K of the nu vector.</summary>
    int NuisanceCount { get; }

    /// <summary>log p(y | context, nu) per event [N]; nu is [K] (shared) or [N, K] (per event).</summary>
    Tensor LogProb(Tensor y, Tensor? context, Tensor nu);

    /// <summary>y mapped onto the unbounded space the density's networks act on (the declared ranges), with log|det| [N]; the identity by default.</summary>
    (Tensor Unbounded, Tensor LogDet) Unbound(Tensor y) => (y.alias(), zeros(y.shape[0], dtype: y.dtype, device: y.device));

    /// <summary>log p of points already mapped by <see cref="Unbound"/>, without that map's log-det (so LogProb = this + Unbound's log-det).</summary>
    Tensor LogProbUnbounded(Tensor unbounded, Tensor? context, Tensor nu) => LogProb(unbounded, context, nu);
}
