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
}
