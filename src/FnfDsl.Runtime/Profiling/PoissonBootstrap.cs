using static TorchSharp.torch;

namespace FnfDsl.Profiling;

/// <summary>Per-event Poisson(1) weights of a bootstrap replica (method.md section 4).</summary>
public static class PoissonBootstrap
{
    /// <summary>n weights drawn from Poisson(1), reproducible from (seed, replica).</summary>
    public static Tensor Weights(long n, long seed, int replica, ScalarType dtype = ScalarType.Float64)
    {
        using var gen = new Generator(unchecked((ulong)(seed * 1_000_003L + replica)));
        using var rate = ones(n, dtype: ScalarType.Float64);
        return poisson(rate, gen).to_type(dtype);
    }
}
