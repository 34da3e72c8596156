using static TorchSharp.torch;

namespace FnfDsl.Likelihood;

/// <summary>Builds the flavour-conditioned contexts (kinematics, flavour one-hot) used by every density.</summary>
public static class FlavourContext
{
    /// <summary>The one-hot of <paramref name="flavour"/> repeated for n events: [n, F].</summary>
    public static Tensor OneHot(long n, int flavour, int flavourCount, ScalarType dtype)
    {
        if (flavour < 0 || flavour >= flavourCount)
            throw new ArgumentOutOfRangeException(nameof(flavour), $"Flavour {flavour} is outside [0, {flavourCount}).");
        using var row = zeros(flavourCount, dtype: dtype).index_fill_(0, tensor(new long[] { flavour }), 1.0);
        return row.unsqueeze(0).expand(n, flavourCount).contiguous();
    }

    /// <summary>Every event under every flavour hypothesis: [F * N, Dx + F], flavour-major (rows f*N .. f*N+N-1 are flavour f).</summary>
    public static Tensor AllFlavours(Tensor x, int flavourCount)
    {
        using var scope = NewDisposeScope();
        long n = x.shape[0];
        var oneHot = eye(flavourCount, dtype: x.dtype).repeat_interleave(n, dim: 0);
        return cat([x.repeat(flavourCount, 1), oneHot], 1).MoveToOuterDisposeScope();
    }
}
