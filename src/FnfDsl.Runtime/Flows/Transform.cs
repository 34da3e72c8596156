using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Flows;

/// <summary>An invertible map z = f(y; context) with its log|det df/dy| (method.md section 2).</summary>
/// <remarks>
/// Shapes: y and z are [N, D]; context is [N, C] or null; log-dets are [N].
/// Every transform is a module so that its parameters train, save and load with the flow.
/// </remarks>
public abstract class Transform : nn.Module
{
    protected Transform(string name) : base(name) { }

    /// <summary>Dimension D of the space the transform acts on.</summary>
    public abstract int Dim { get; }

    /// <summary>z = f(y; context).</summary>
    public virtual Tensor Forward(Tensor y, Tensor? context = null)
    {
        var (z, logDet) = ForwardAndLogDet(y, context);
        logDet.Dispose();
        return z;
    }

    /// <summary>y = f^-1(z; context).</summary>
    public abstract Tensor Inverse(Tensor z, Tensor? context = null);

    /// <summary>log|det df/dy| at y, one value per event.</summary>
    public virtual Tensor LogAbsDetJacobian(Tensor y, Tensor? context = null)
    {
        var (z, logDet) = ForwardAndLogDet(y, context);
        z.Dispose();
        return logDet;
    }

    /// <summary>z = f(y; context) and log|det df/dy| in one pass.</summary>
    public abstract (Tensor Z, Tensor LogDet) ForwardAndLogDet(Tensor y, Tensor? context = null);
}
