using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FnfDsl.Flows;

/// <summary>z_i = g(y_i; phi_i) with one learnable parameter vector phi_i per dimension and no context.</summary>
/// <remarks>Starts at the identity (phi = the function's identity parameters). log|det J| = sum_i log g'(y_i; phi_i).</remarks>
public class ElementwiseTransform : Transform
{
    private readonly Parameter phi;
    private readonly MonotonicFunction function;

    /// <summary>An elementwise transform of dimension <paramref name="dim"/> with the monotonic family <paramref name="function"/>.</summary>
    public ElementwiseTransform(MonotonicFunction function, int dim) : this(nameof(ElementwiseTransform), function, dim) { }

    /// <summary>For named subclasses.</summary>
    protected ElementwiseTransform(string name, MonotonicFunction function, int dim) : base(name)
    {
        if (dim < 1) throw new ArgumentOutOfRangeException(nameof(dim), dim, "dim must be >= 1.");
        this.function = function;
        Dim = dim;
        using var identity = tensor(function.IdentityParameters);
        phi = nn.Parameter(identity.to_type(ScalarType.Float32).expand(dim, function.ParameterCount).contiguous());
        RegisterComponents();
    }

    /// <inheritdoc />
    public override int Dim { get; }

    /// <summary>The monotonic family applied to each dimension.</summary>
    public MonotonicFunction Function => function;

    /// <inheritdoc />
    public override (Tensor Z, Tensor LogDet) ForwardAndLogDet(Tensor y, Tensor? context = null)
    {
        Shapes.Check(GetName(), y, Dim, context, 0);
        using var scope = NewDisposeScope();
        var (z, logDerivative) = function.Forward(y, Parameters(y));
        return (z.MoveToOuterDisposeScope(), logDerivative.sum(-1).MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public override Tensor Inverse(Tensor z, Tensor? context = null)
    {
        Shapes.Check(GetName(), z, Dim, context, 0, nameof(z));
        using var scope = NewDisposeScope();
        return function.Inverse(z, Parameters(z)).MoveToOuterDisposeScope();
    }

    private Tensor Parameters(Tensor y) => phi.expand(y.size(0), Dim, function.ParameterCount);
}
