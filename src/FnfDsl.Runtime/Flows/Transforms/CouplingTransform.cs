using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Flows;

/// <summary>
/// Coupling transform (Dinh et al.): the first floor(D/2) dimensions pass unchanged and condition, with the
/// context, the monotonic map of the others: z_b = g(y_b; phi(y_a, context)), log|det J| = sum_b log g'.
/// </summary>
/// <remarks>With D = 1 nothing passes unchanged and phi depends on the context only.</remarks>
public sealed class CouplingTransform : Transform
{
    private readonly Mlp conditioner;
    private readonly MonotonicFunction function;
    private readonly int identityDims;

    /// <summary>A coupling transform of dimension <paramref name="dim"/> with an MLP conditioner of the given hidden widths.</summary>
    public CouplingTransform(MonotonicFunction function, int dim, int contextDim, IReadOnlyList<int> hidden) : base(nameof(CouplingTransform))
    {
        if (dim < 1) throw new ArgumentOutOfRangeException(nameof(dim), dim, "dim must be >= 1.");
        if (contextDim < 0) throw new ArgumentOutOfRangeException(nameof(contextDim), contextDim, "contextDim must be >= 0.");
        identityDims = dim / 2;
        if (identityDims + contextDim == 0)
            throw new ArgumentException("A coupling transform of dimension 1 needs a context to condition on.", nameof(contextDim));
        this.function = function;
        Dim = dim;
        ContextDim = contextDim;
        conditioner = new Mlp(identityDims + contextDim, hidden, (dim - identityDims) * function.ParameterCount);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override int Dim { get; }

    /// <summary>Width of the context.</summary>
    public int ContextDim { get; }

    /// <inheritdoc />
    public override (Tensor Z, Tensor LogDet) ForwardAndLogDet(Tensor y, Tensor? context = null)
    {
        Shapes.Check(GetName(), y, Dim, context, ContextDim);
        using var scope = NewDisposeScope();
        var (passive, active) = (y.narrow(1, 0, identityDims), y.narrow(1, identityDims, Dim - identityDims));
        var (z, logDerivative) = function.Forward(active, Parameters(passive, context));
        return (cat(new[] { passive, z }, 1).MoveToOuterDisposeScope(), logDerivative.sum(-1).MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public override Tensor Inverse(Tensor z, Tensor? context = null)
    {
        Shapes.Check(GetName(), z, Dim, context, ContextDim, nameof(z));
        using var scope = NewDisposeScope();
        var (passive, active) = (z.narrow(1, 0, identityDims), z.narrow(1, identityDims, Dim - identityDims));
        var y = function.Inverse(active, Parameters(passive, context));
        return cat(new[] { passive, y }, 1).MoveToOuterDisposeScope();
    }

    private Tensor Parameters(Tensor passive, Tensor? context)
    {
        var input = context is null ? passive : identityDims == 0 ? context : cat(new[] { passive, context }, 1);
        return conditioner.forward(input).view(passive.size(0), Dim - identityDims, function.ParameterCount);
    }
}
