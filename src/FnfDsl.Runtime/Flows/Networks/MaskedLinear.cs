using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FnfDsl.Flows;

/// <summary>A linear layer whose weight is multiplied by a fixed 0/1 mask (the building block of MADE).</summary>
public sealed class MaskedLinear : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly Tensor mask;

    /// <summary>A layer from mask.size(1) inputs to mask.size(0) outputs; mask[o, i] = 1 lets output o see input i. Takes ownership of mask.</summary>
    public MaskedLinear(Tensor mask) : base(nameof(MaskedLinear))
    {
        if (mask.dim() != 2) throw new ArgumentException($"mask must be [out, in], got {mask.dim()} dimensions.", nameof(mask));
        long outputs = mask.size(0), inputs = mask.size(1);
        // nn.Linear's default initialisation, U(-1/sqrt(in), 1/sqrt(in)), drawn from the global generator so torch.manual_seed reproduces it.
        double b = 1.0 / Math.Sqrt(Math.Max(1, inputs));
        weight = nn.Parameter(rand(outputs, inputs).mul_(2 * b).sub_(b));
        bias = nn.Parameter(rand(outputs).mul_(2 * b).sub_(b));
        this.mask = mask;
        RegisterComponents();
    }

    /// <summary>Number of inputs.</summary>
    public long InFeatures => mask.size(1);

    /// <summary>Number of outputs.</summary>
    public long OutFeatures => mask.size(0);

    /// <summary>x @ (W * mask)^T + b.</summary>
    public override Tensor forward(Tensor x) => nn.functional.linear(x, weight * mask, bias);
}
