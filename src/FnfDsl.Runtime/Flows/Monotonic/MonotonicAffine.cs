using static TorchSharp.torch;

namespace FnfDsl.Flows;

/// <summary>
/// z = y * exp(s) + t with phi = (t, r) and a soft-bounded log-scale s = S tanh(r / S), S = <see cref="MaxLogScale"/>
/// (the MAF univariate transform; the bound keeps one layer from scaling by more than e^S, which avoids overflow early in training).
/// </summary>
public sealed class MonotonicAffine : MonotonicFunction
{
    /// <summary>Largest |log-scale| one affine step can apply.</summary>
    public const double MaxLogScale = 5.0;

    /// <inheritdoc />
    public override int ParameterCount => 2;

    /// <inheritdoc />
    public override double[] IdentityParameters => new[] { 0.0, 0.0 };

    /// <inheritdoc />
    public override (Tensor Z, Tensor LogDerivative) Forward(Tensor y, Tensor phi)
    {
        using var scope = NewDisposeScope();
        var (shift, logScale) = Split(phi);
        return (y.mul(logScale.exp()).add_(shift).MoveToOuterDisposeScope(), logScale.MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public override Tensor Inverse(Tensor z, Tensor phi)
    {
        using var scope = NewDisposeScope();
        var (shift, logScale) = Split(phi);
        return z.sub(shift).mul_(logScale.neg().exp_()).MoveToOuterDisposeScope();
    }

    private static (Tensor Shift, Tensor LogScale) Split(Tensor phi)
    {
        var shift = phi.select(-1, 0);
        var logScale = phi.select(-1, 1).div(MaxLogScale).tanh().mul(MaxLogScale); // out of place: tanh's backward needs its output
        return (shift, logScale);
    }
}
