using static TorchSharp.torch;

namespace FnfDsl.Flows;

/// <summary>Argument checks shared by transforms and flows, run before any tensor math (native errors abort the process).</summary>
internal static class Shapes
{
    /// <summary>Throws unless y is [N, dim] and, for a conditional transform (contextDim &gt; 0), context is [N, contextDim].</summary>
    /// <remarks>A context-free transform ignores any context, so a composition can pass one context to every step.</remarks>
    public static void Check(string owner, Tensor y, int dim, Tensor? context, int contextDim, string yName = "y")
    {
        if (y.dim() != 2 || y.size(1) != dim)
            throw new ArgumentException($"{owner}: {yName} must be [N, {dim}], got [{string.Join(", ", y.shape)}].", yName);
        if (contextDim == 0) return;
        if (context is null)
            throw new ArgumentException($"{owner}: a context [N, {contextDim}] is required.", nameof(context));
        if (context.dim() != 2 || context.size(0) != y.size(0) || context.size(1) != contextDim)
            throw new ArgumentException($"{owner}: context must be [{y.size(0)}, {contextDim}], got [{string.Join(", ", context.shape)}].", nameof(context));
        if (context.dtype != y.dtype)
            throw new ArgumentException($"{owner}: context dtype {context.dtype} differs from {yName} dtype {y.dtype}.", nameof(context));
    }

    /// <summary>Throws unless the list of hidden widths is non-empty and positive.</summary>
    public static void CheckHidden(IReadOnlyList<int> hidden)
    {
        if (hidden is null || hidden.Count == 0 || hidden.Any(h => h < 1))
            throw new ArgumentException("hidden needs at least one layer, each of width >= 1.", nameof(hidden));
    }
}
