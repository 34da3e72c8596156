namespace FnfDsl.Fnf;

/// <summary>MADE connectivity (Germain et al. 2015) of a head's MLP for one autoregressive feature order.</summary>
/// <remarks>
/// Inputs are (y [D], context [C]); each output unit belongs to one feature. Degrees: feature j has
/// degree rank(j) + 1, a context input 0, hidden unit h has degree h mod D. A hidden unit sees inputs of
/// degree &lt;= its own; the outputs of feature j see hidden units of degree &lt;= rank(j). So feature j's
/// coefficients depend on the context and on the features ranked before it.
/// </remarks>
internal static class AutoregressiveMasks
{
    /// <summary>One [in, out] connectivity mask per linear layer, for layer sizes (D + C, hidden..., outputFeature.Length).</summary>
    /// <param name="dim">Number of features D.</param>
    /// <param name="contextDim">Width of the context C.</param>
    /// <param name="order">The features in autoregressive order.</param>
    /// <param name="hidden">Hidden layer sizes.</param>
    /// <param name="outputFeature">The feature each output unit belongs to.</param>
    public static bool[][,] Build(int dim, int contextDim, int[] order, int[] hidden, int[] outputFeature)
    {
        var rank = new int[dim];
        for (int r = 0; r < dim; r++) rank[order[r]] = r;

        int[] inputDegrees = Enumerable.Range(0, dim).Select(j => rank[j] + 1)
            .Concat(Enumerable.Repeat(0, contextDim)).ToArray();
        int[] outputDegrees = outputFeature.Select(j => rank[j] + 1).ToArray();

        var masks = new List<bool[,]>();
        int[] previous = inputDegrees;
        foreach (int width in hidden)
        {
            int[] degrees = Enumerable.Range(0, width).Select(h => h % dim).ToArray();
            masks.Add(Connect(previous, degrees, strict: false));
            previous = degrees;
        }
        masks.Add(Connect(previous, outputDegrees, strict: true));
        return masks.ToArray();
    }

    private static bool[,] Connect(int[] inDegrees, int[] outDegrees, bool strict)
    {
        var mask = new bool[inDegrees.Length, outDegrees.Length];
        for (int a = 0; a < inDegrees.Length; a++)
            for (int b = 0; b < outDegrees.Length; b++)
                mask[a, b] = strict ? outDegrees[b] > inDegrees[a] : outDegrees[b] >= inDegrees[a];
        return mask;
    }
}
