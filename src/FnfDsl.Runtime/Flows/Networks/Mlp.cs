using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FnfDsl.Flows;

/// <summary>A plain SiLU multilayer perceptron (smooth, see MaskedMlp) (the conditioner of a coupling transform).</summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> layers;

    /// <summary>An MLP inputs -> hidden[0] -> ... -> outputs.</summary>
    public Mlp(int inputs, IReadOnlyList<int> hidden, int outputs) : base(nameof(Mlp))
    {
        if (inputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "inputs must be >= 1.");
        if (outputs < 1) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "outputs must be >= 1.");
        if (hidden.Count == 0 || hidden.Any(h => h < 1)) throw new ArgumentException("hidden needs at least one layer, each of width >= 1.", nameof(hidden));
        int[] widths = hidden.Prepend(inputs).Append(outputs).ToArray();
        layers = new ModuleList<Linear>(Enumerable.Range(0, widths.Length - 1).Select(l => nn.Linear(widths[l], widths[l + 1])).ToArray());
        RegisterComponents();
    }

    /// <summary>The network's output, [N, outputs].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        for (int l = 0; l < layers.Count - 1; l++) x = nn.functional.silu(layers[l].forward(x));
        return layers[^1].forward(x).MoveToOuterDisposeScope();
    }
}
