using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FnfDsl.Fnf;

/// <summary>The weights of one head's MLP in one FNF layer; masks are applied by the batched evaluation.</summary>
/// <remarks>
/// Every weight and bias lives in one flat parameter, laid out layer by layer as (weight [in, out], bias [out]).
/// A group of heads then stacks one tensor per head into [G, P] and slices the layers out of it, so the forward
/// pass has one stack per group and the backward pass one gradient accumulation per head, whatever the depth.
/// Each head still owns its parameter: a head that takes no part gets no gradient at all.
/// The output layer starts at exactly zero, so the head contributes nothing until it is trained.
/// </remarks>
public sealed class HeadMlp : nn.Module
{
    private readonly Parameter flat;
    private readonly int[] sizes;
    private readonly long[] offsets; // start of weight j in flat; its bias follows the weight

    /// <summary>An MLP with layer sizes (in, hidden..., out): uniform(+-1/sqrt(fan_in)) hidden layers, zero output layer.</summary>
    public HeadMlp(int[] sizes, Generator generator) : base(nameof(HeadMlp))
    {
        this.sizes = sizes;
        offsets = new long[sizes.Length - 1];
        long total = 0;
        for (int j = 0; j + 1 < sizes.Length; j++)
        {
            offsets[j] = total;
            total += (long)sizes[j] * sizes[j + 1] + sizes[j + 1];
        }
        Size = total;
        using (no_grad())
        {
            var parts = new List<Tensor>();
            for (int j = 0; j + 1 < sizes.Length; j++)
            {
                bool output = j + 2 == sizes.Length;
                double bound = output ? 0.0 : 1.0 / Math.Sqrt(sizes[j]);
                parts.Add(Uniform((long)sizes[j] * sizes[j + 1], bound, generator));
                parts.Add(Uniform(sizes[j + 1], bound, generator));
            }
            flat = new Parameter(cat(parts, 0));
            foreach (var p in parts) p.Dispose();
        }
        RegisterComponents();
    }

    /// <summary>Number of linear layers.</summary>
    public int Depth => offsets.Length;

    /// <summary>Number of parameters P (length of <see cref="Flat"/>).</summary>
    public long Size { get; }

    /// <summary>All weights and biases, layer by layer: (weight [in, out] row-major, bias [out]).</summary>
    public Parameter Flat => flat;

    /// <summary>Weight [in, out] of linear layer j: a view of <see cref="Flat"/> (writes go through).</summary>
    public Tensor Weight(int j) => WeightOf(flat, j);

    /// <summary>Bias [out] of linear layer j: a view of <see cref="Flat"/> (writes go through).</summary>
    public Tensor Bias(int j) => BiasOf(flat, j);

    /// <summary>Gradient of <see cref="Weight"/>(j), or null before any backward pass reached this head.</summary>
    public Tensor? WeightGradient(int j) => flat.grad is { } g ? WeightOf(g, j) : null;

    /// <summary>Weight j of every head of a stack [G, P] of flat parameters: [G, in, out].</summary>
    internal Tensor StackedWeight(Tensor stacked, int j) =>
        stacked.narrow(1, offsets[j], (long)sizes[j] * sizes[j + 1]).view(stacked.shape[0], sizes[j], sizes[j + 1]);

    /// <summary>Bias j of every head of a stack [G, P] of flat parameters: [G, 1, out].</summary>
    internal Tensor StackedBias(Tensor stacked, int j) =>
        stacked.narrow(1, offsets[j] + (long)sizes[j] * sizes[j + 1], sizes[j + 1]).unsqueeze(1);

    private Tensor WeightOf(Tensor t, int j) => t.narrow(0, offsets[j], (long)sizes[j] * sizes[j + 1]).view(sizes[j], sizes[j + 1]);

    private Tensor BiasOf(Tensor t, int j) => t.narrow(0, offsets[j] + (long)sizes[j] * sizes[j + 1], sizes[j + 1]);

    private static Tensor Uniform(long count, double bound, Generator generator)
    {
        using var u = rand(count, generator: generator);
        return u.mul(2.0 * bound).sub_(bound);
    }
}
