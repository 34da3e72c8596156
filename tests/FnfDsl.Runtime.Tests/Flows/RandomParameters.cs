using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Flows;

/// Redraws a module's parameters so that tests see non-trivial transforms instead of near-identity ones.
public static class RandomParameters
{
    /// <summary>
    /// Converts the module to float64 and redraws every parameter (weights N(0, 1 / fan-in), other parameters
    /// N(0, 0.7^2)): splines end up far from the identity while conditioner outputs stay of order one, as in a trained flow.
    /// </summary>
    public static void Randomise(nn.Module module, long seed)
    {
        module.to(ScalarType.Float64);
        using var g = new Generator((ulong)seed);
        using var noGrad = no_grad();
        foreach (var p in module.parameters())
        {
            using var draw = randn(p.shape, dtype: p.dtype, generator: g);
            p.copy_(draw.mul_(p.dim() == 2 ? 1.0 / Math.Sqrt(p.size(1)) : 0.7));
        }
    }
}
