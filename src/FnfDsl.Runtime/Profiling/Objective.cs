using static TorchSharp.torch;

namespace FnfDsl.Profiling;

/// <summary>
/// A scalar objective (an NLL) of a float64 parameter vector [K], differentiable by autograd, written as a
/// sum over parts (event chunks) so that value, gradient and Hessian never need the whole dataset's graph.
/// </summary>
public abstract class Objective
{
    /// <summary>Number of parts the objective is the sum of.</summary>
    public virtual int Parts => 1;

    /// <summary>Part `part` of the objective at `parameters`, a scalar tensor.</summary>
    public abstract Tensor Evaluate(int part, Tensor parameters);

    /// <summary>An objective given by one function of the whole parameter vector.</summary>
    public static Objective From(Func<Tensor, Tensor> f) => new Single(f);

    /// <summary>An objective that is the sum of `parts` functions (e.g. one per chunk of events).</summary>
    public static Objective Sum(int parts, Func<int, Tensor, Tensor> part) => new Summed(parts, part);

    private sealed class Single(Func<Tensor, Tensor> f) : Objective
    {
        public override Tensor Evaluate(int part, Tensor parameters) => f(parameters);
    }

    private sealed class Summed(int parts, Func<int, Tensor, Tensor> part) : Objective
    {
        public override int Parts { get; } = parts >= 1 ? parts : throw new ArgumentOutOfRangeException(nameof(parts), "An objective needs at least one part.");

        public override Tensor Evaluate(int index, Tensor parameters) => part(index, parameters);
    }
}
