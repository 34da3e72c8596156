using static TorchSharp.torch;

namespace FnfDsl.Flows;

/// <summary>
/// A family of increasing scalar bijections z = g(y; phi), applied to each dimension with that dimension's
/// own P parameters phi (the "univariate transform" of an autoregressive or coupling layer).
/// </summary>
/// <remarks>Shapes: y and z are [N, D]; phi is [N, D, P] (or broadcastable to it); log g' is [N, D].</remarks>
public abstract class MonotonicFunction
{
    /// <summary>Number of parameters P per dimension.</summary>
    public abstract int ParameterCount { get; }

    /// <summary>The parameter values that make g the identity, [P] (used to start elementwise transforms at the identity).</summary>
    public abstract double[] IdentityParameters { get; }

    /// <summary>z = g(y; phi) and log g'(y; phi), elementwise.</summary>
    public abstract (Tensor Z, Tensor LogDerivative) Forward(Tensor y, Tensor phi);

    /// <summary>y = g^-1(z; phi), elementwise.</summary>
    public abstract Tensor Inverse(Tensor z, Tensor phi);
}
