using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Flows;

/// <summary>
/// A conditional normalizing flow: z = f(y; context) with a standard-normal base, so
/// log p(y | context) = log N(f(y; context); 0, I) + log|det df/dy| (method.md section 2).
/// </summary>
/// <remarks>
/// If f starts with a pre-processing transform (<see cref="Standardize"/>, <see cref="MinMaxLogit"/>, ...),
/// its log-Jacobian is part of log|det df/dy|, so LogProb is the density of the original variables.
/// </remarks>
public sealed class ConditionalFlow : nn.Module, IConditionalDensity
{
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    private readonly Transform transform;

    /// <summary>The flow with transform f (data to base space) and a context of width <paramref name="contextDim"/> (0: unconditional).</summary>
    public ConditionalFlow(Transform transform, int contextDim) : base(nameof(ConditionalFlow))
    {
        if (contextDim < 0) throw new ArgumentOutOfRangeException(nameof(contextDim), contextDim, "contextDim must be >= 0.");
        this.transform = transform;
        ContextDim = contextDim;
        RegisterComponents();
    }

    /// <summary>
    /// A stack of <paramref name="layers"/> autoregressive transforms with the monotonic family <paramref name="function"/>,
    /// each from its own MADE, with dimension-reversing permutations between layers and optional pre-processing in front.
    /// </summary>
    public static ConditionalFlow Autoregressive(MonotonicFunction function, int dim, int contextDim, int layers,
        IReadOnlyList<int> hidden, Transform? preprocessing = null)
    {
        if (layers < 1) throw new ArgumentOutOfRangeException(nameof(layers), layers, "layers must be >= 1.");
        if (preprocessing is not null && preprocessing.Dim != dim)
            throw new ArgumentException($"preprocessing has dimension {preprocessing.Dim}, the flow {dim}.", nameof(preprocessing));
        var steps = new List<Transform>();
        if (preprocessing is not null) steps.Add(preprocessing);
        for (int l = 0; l < layers; l++)
        {
            // Reversal makes the next layer's first dimension the one this layer conditioned on everything.
            if (l > 0 && dim > 1) steps.Add(Permutation.Reverse(dim));
            steps.Add(new AutoregressiveTransform(function, dim, contextDim, hidden));
        }
        return new ConditionalFlow(new ComposedTransform(steps.ToArray()), contextDim);
    }

    /// <inheritdoc />
    public int Dim => transform.Dim;

    /// <inheritdoc />
    public int ContextDim { get; }

    /// <summary>The transform f from data space to base space.</summary>
    public Transform Transform => transform;

    /// <inheritdoc />
    public Tensor LogProb(Tensor y, Tensor? context = null)
    {
        Shapes.Check(GetName(), y, Dim, context, ContextDim);
        using var scope = NewDisposeScope();
        var (z, logDet) = transform.ForwardAndLogDet(y, context);
        var logBase = z.square().sum(-1).mul_(-0.5).sub_(Dim * HalfLogTwoPi);
        return (logBase + logDet).MoveToOuterDisposeScope();
    }

    /// <summary>z = f(y; context), the base-space image of y.</summary>
    public Tensor Forward(Tensor y, Tensor? context = null)
    {
        Shapes.Check(GetName(), y, Dim, context, ContextDim);
        return transform.Forward(y, context);
    }

    /// <summary>y = f^-1(z; context), the data-space image of base-space points z.</summary>
    public Tensor Inverse(Tensor z, Tensor? context = null)
    {
        Shapes.Check(GetName(), z, Dim, context, ContextDim, nameof(z));
        return transform.Inverse(z, context);
    }

    /// <summary>n draws y ~ p(y | context), without gradient; context is [n, C] (one row per draw) or [1, C] (shared).</summary>
    public Tensor Sample(long n, Tensor? context = null, Generator? generator = null)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be >= 0.");
        if (ContextDim > 0 && (context is null || context.dim() != 2 || context.size(1) != ContextDim || (context.size(0) != n && context.size(0) != 1)))
            throw new ArgumentException($"{GetName()}: context must be [{n}, {ContextDim}] or [1, {ContextDim}].", nameof(context));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var dtype = context?.dtype ?? transform.parameters().Select(p => (ScalarType?)p.dtype).FirstOrDefault() ?? ScalarType.Float32;
        var z = randn(n, Dim, dtype: dtype, generator: generator);
        var c = ContextDim > 0 ? context!.expand(n, ContextDim) : null;
        return transform.Inverse(z, c).MoveToOuterDisposeScope();
    }
}
