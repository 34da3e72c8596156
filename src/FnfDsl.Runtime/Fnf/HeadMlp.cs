using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FnfDsl.Fnf;

/// <summary>The weights of one head's MLP in one FNF layer; masks are applied by the batched evaluation.</summary>
/// <remarks>
/// Weights are stored [in, out] so that a group of heads stacks them into [G, in, out] for a batched matmul.
/// The output layer starts at exactly zero, so the head contributes nothing until it is trained.
/// </remarks>
public sealed class HeadMlp : nn.Module
{
    private readonly ParameterList weights;
    private readonly ParameterList biases;

    /// <summary>An MLP with layer sizes (in, hidden..., out): uniform(+-1/sqrt(fan_in)) hidden layers, zero output layer.</summary>
    public HeadMlp(int[] sizes, Generator generator) : base(nameof(HeadMlp))
    {
        weights = new ParameterList();
        biases = new ParameterList();
        for (int j = 0; j + 1 < sizes.Length; j++)
        {
            bool output = j + 2 == sizes.Length;
            double bound = output ? 0.0 : 1.0 / Math.Sqrt(sizes[j]);
            weights.Add(new Parameter(Uniform([sizes[j], sizes[j + 1]], bound, generator)));
            biases.Add(new Parameter(Uniform([sizes[j + 1]], bound, generator)));
        }
        RegisterComponents();
    }

    /// <summary>Number of linear layers.</summary>
    public int Depth => weights.Count;

    /// <summary>Weight [in, out] of linear layer j.</summary>
    public Parameter Weight(int j) => weights[j];

    /// <summary>Bias [out] of linear layer j.</summary>
    public Parameter Bias(int j) => biases[j];

    private static Tensor Uniform(long[] shape, double bound, Generator generator)
    {
        using var _ = no_grad();
        using var u = rand(shape, generator: generator);
        return u.mul(2.0 * bound).sub_(bound);
    }
}
