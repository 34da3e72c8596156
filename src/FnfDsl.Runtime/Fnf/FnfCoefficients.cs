using static TorchSharp.torch;

namespace FnfDsl.Fnf;

/// <summary>
/// The nu-independent part of a one-layer FNF on fixed events: the inputs y [N, D], the flavour one-hot [N, F] (null
/// without flavours) and every head set's coefficients [G, N, M, D, 2]; see <see cref="FnfTransform.Precompute"/>.
/// </summary>
public sealed record FnfCoefficients(Tensor Y, Tensor? OneHot, Tensor[] Coefficients) : IDisposable
{
    /// <summary>Releases the tensors.</summary>
    public void Dispose()
    {
        Y.Dispose();
        OneHot?.Dispose();
        foreach (var c in Coefficients) c.Dispose();
    }
}
