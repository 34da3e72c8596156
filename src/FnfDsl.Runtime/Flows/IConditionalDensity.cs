using static TorchSharp.torch;

namespace FnfDsl.Flows;

/// <summary>A normalised density p(y | context) that can be evaluated in log space.</summary>
public interface IConditionalDensity
{
    /// <summary>Dimension of y.</summary>
    int Dim { get; }

    /// <summary>Width of the context vector (0 for an unconditional density).</summary>
    int ContextDim { get; }

    /// <summary>log p(y | context) per event, shape [N].</summary>
    Tensor LogProb(Tensor y, Tensor? context = null);
}
