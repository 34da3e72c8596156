using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FnfDsl.Flows;

/// <summary>
/// MADE (Germain et al. 2015): a SiLU MLP on (y, context) whose output block i depends only on y_&lt;i and on
/// every context column, so one forward pass gives every dimension's parameters of an autoregressive transform.
/// </summary>
/// <remarks>
/// Degrees: y_i has degree i+1, context columns degree 0, hidden units degrees in [lowest, D-1], output
/// block i degree i+1. A hidden unit sees inputs of degree &lt;= its own; output block i sees hidden units of
/// degree &lt;= i. With D = 1 every hidden unit has degree 0: the outputs depend on the context only.
/// </remarks>
public sealed class MaskedMlp : nn.Module
{
    private readonly ModuleList<MaskedLinear> layers;

    /// <summary>A MADE with <paramref name="outputsPerDim"/> outputs for each of the <paramref name="dim"/> dimensions.</summary>
    public MaskedMlp(int dim, int contextDim, int outputsPerDim, IReadOnlyList<int> hidden) : base(nameof(MaskedMlp))
    {
        if (dim < 1) throw new ArgumentOutOfRangeException(nameof(dim), dim, "dim must be >= 1.");
        if (contextDim < 0) throw new ArgumentOutOfRangeException(nameof(contextDim), contextDim, "contextDim must be >= 0.");
        if (outputsPerDim < 1) throw new ArgumentOutOfRangeException(nameof(outputsPerDim), outputsPerDim, "outputsPerDim must be >= 1.");
        if (hidden.Count == 0 || hidden.Any(h => h < 1)) throw new ArgumentException("hidden needs at least one layer, each of width >= 1.", nameof(hidden));
        Dim = dim;
        ContextDim = contextDim;
        OutputsPerDim = outputsPerDim;

        // Degree-0 hidden units see only the context; without a context they would see nothing, so skip degree 0 then.
        int lowest = contextDim > 0 || dim == 1 ? 0 : 1;
        int[] inputDegrees = Enumerable.Range(1, dim).Concat(Enumerable.Repeat(0, contextDim)).ToArray();
        var list = new List<MaskedLinear>();
        int[] previous = inputDegrees;
        foreach (int width in hidden)
        {
            int[] degrees = Enumerable.Range(0, width).Select(h => lowest + h % (dim - lowest)).ToArray();
            list.Add(new MaskedLinear(Mask(previous, degrees, (input, unit) => input <= unit)));
            previous = degrees;
        }
        int[] outputDegrees = Enumerable.Range(0, dim * outputsPerDim).Select(o => o / outputsPerDim + 1).ToArray();
        list.Add(new MaskedLinear(Mask(previous, outputDegrees, (unit, output) => unit < output)));
        layers = new ModuleList<MaskedLinear>(list.ToArray());
        RegisterComponents();
    }

    /// <summary>Dimension D of y.</summary>
    public int Dim { get; }

    /// <summary>Width of the context.</summary>
    public int ContextDim { get; }

    /// <summary>Parameters produced per dimension.</summary>
    public int OutputsPerDim { get; }

    /// <summary>Parameters for every dimension, [N, D, OutputsPerDim]; block i depends on y_&lt;i and the context only.</summary>
    public Tensor Forward(Tensor y, Tensor? context)
    {
        using var scope = NewDisposeScope();
        Tensor h = context is null ? y : cat(new[] { y, context }, 1);
        // SiLU, not ReLU: smooth, so the NLL's autograd Hessian in nu is its true curvature (ReLU kinks add curvature
        // that a second derivative at a point cannot see).
        for (int l = 0; l < layers.Count - 1; l++) h = nn.functional.silu(layers[l].forward(h));
        return layers[^1].forward(h).view(y.size(0), Dim, OutputsPerDim).MoveToOuterDisposeScope();
    }

    private static Tensor Mask(int[] inputDegrees, int[] outputDegrees, Func<int, int, bool> connected)
    {
        var m = new float[outputDegrees.Length * inputDegrees.Length];
        for (int o = 0; o < outputDegrees.Length; o++)
            for (int i = 0; i < inputDegrees.Length; i++)
                m[o * inputDegrees.Length + i] = connected(inputDegrees[i], outputDegrees[o]) ? 1f : 0f;
        return tensor(m, new long[] { outputDegrees.Length, inputDegrees.Length });
    }
}
