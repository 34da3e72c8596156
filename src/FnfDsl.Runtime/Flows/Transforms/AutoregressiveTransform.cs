using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Flows;

/// <summary>
/// Autoregressive transform z_i = g(y_i; phi_i(y_&lt;i, context)) (MAF with an affine g, NSF with a spline g).
/// One masked-MLP pass gives every phi_i; the Jacobian is triangular, so log|det J| = sum_i log g'(y_i; phi_i).
/// </summary>
/// <remarks>The inverse is sequential: D passes, pass i fixing y_i from the already-known y_&lt;i.</remarks>
public sealed class AutoregressiveTransform : Transform
{
    private readonly MaskedMlp conditioner;
    private readonly MonotonicFunction function;

    /// <summary>An autoregressive transform of dimension <paramref name="dim"/> conditioned on <paramref name="contextDim"/> context columns.</summary>
    public AutoregressiveTransform(MonotonicFunction function, int dim, int contextDim, IReadOnlyList<int> hidden) : base(nameof(AutoregressiveTransform))
    {
        this.function = function;
        conditioner = new MaskedMlp(dim, contextDim, function.ParameterCount, hidden);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override int Dim => conditioner.Dim;

    /// <summary>Width of the context.</summary>
    public int ContextDim => conditioner.ContextDim;

    /// <summary>The monotonic family applied to each dimension.</summary>
    public MonotonicFunction Function => function;

    /// <inheritdoc />
    public override (Tensor Z, Tensor LogDet) ForwardAndLogDet(Tensor y, Tensor? context = null)
    {
        Shapes.Check(GetName(), y, Dim, context, ContextDim);
        using var scope = NewDisposeScope();
        var (z, logDerivative) = function.Forward(y, conditioner.Forward(y, context));
        return (z.MoveToOuterDisposeScope(), logDerivative.sum(-1).MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public override Tensor Inverse(Tensor z, Tensor? context = null)
    {
        Shapes.Check(GetName(), z, Dim, context, ContextDim, nameof(z));
        var y = zeros_like(z);
        for (int i = 0; i < Dim; i++)
        {
            using var scope = NewDisposeScope();
            var next = function.Inverse(z, conditioner.Forward(y, context)).MoveToOuterDisposeScope();
            y.Dispose();
            y = next;
        }
        return y;
    }
}
