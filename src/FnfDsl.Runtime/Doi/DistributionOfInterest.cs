using FnfDsl.Flows;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FnfDsl.Doi;

/// <summary>
/// The Distribution of Interest T(y; c) (method.md section 4): a conditional rational-quadratic spline flow
/// from the data space to the simulation space, c = (given kinematics, flavour one-hot). It starts at the identity.
/// </summary>
/// <remarks>
/// The splines act on y standardised with the data's mean and width, and the result is mapped back with the
/// same affine map, so T works at any scale; the two affine log-dets cancel, log|det dT/dy| is the splines'.
/// </remarks>
public sealed class DistributionOfInterest : Transform
{
    private readonly Tensor mean;
    private readonly Tensor std;
    private readonly ModuleList<Transform> steps;

    /// <summary>A DoI over <paramref name="dim"/> features with a context of <paramref name="contextDim"/> columns.</summary>
    public DistributionOfInterest(int dim, int contextDim, int layers, int bins, IReadOnlyList<int> hidden, Tensor mean, Tensor std,
        double bound = MonotonicSpline.DefaultBound) : base(nameof(DistributionOfInterest))
    {
        if (layers < 1) throw new ArgumentOutOfRangeException(nameof(layers), layers, "The DoI needs at least one layer.");
        if (mean.dim() != 1 || mean.size(0) != dim || std.dim() != 1 || std.size(0) != dim)
            throw new ArgumentException($"mean and std must both be [{dim}].");
        Dim = dim;
        ContextDim = contextDim;
        var spline = new MonotonicSpline(bins, bound);
        var list = new List<Transform>();
        for (int l = 0; l < layers; l++)
        {
            if (l > 0 && dim > 1) list.Add(Permutation.Reverse(dim));
            var ar = new AutoregressiveTransform(spline, dim, contextDim, hidden);
            StartAtIdentity(ar, spline);
            list.Add(ar);
        }
        steps = new ModuleList<Transform>(list.ToArray());
        using (no_grad())
        {
            this.mean = mean.detach().clone().DetachFromDisposeScope();
            this.std = std.detach().to_type(mean.dtype).clone().DetachFromDisposeScope();
        }
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override int Dim { get; }

    /// <summary>Width of the context (given kinematics + flavour one-hot).</summary>
    public int ContextDim { get; }

    /// <inheritdoc/>
    public override (Tensor Z, Tensor LogDet) ForwardAndLogDet(Tensor y, Tensor? context = null)
    {
        Shapes.Check(GetName(), y, Dim, context, ContextDim);
        using var scope = NewDisposeScope();
        Tensor u = (y - mean) / std;
        Tensor? logDet = null;
        foreach (var step in steps)
        {
            var (next, ld) = step.ForwardAndLogDet(u, context);
            u = next;
            logDet = logDet is null ? ld : logDet + ld;
        }
        return (torch.addcmul(mean, u, std, 1).MoveToOuterDisposeScope(), logDet!.MoveToOuterDisposeScope());
    }

    /// <inheritdoc/>
    public override Tensor Inverse(Tensor z, Tensor? context = null)
    {
        Shapes.Check(GetName(), z, Dim, context, ContextDim, nameof(z));
        using var scope = NewDisposeScope();
        Tensor u = (z - mean) / std;
        for (int i = steps.Count - 1; i >= 0; i--) u = steps[i].Inverse(u, context);
        return torch.addcmul(mean, u, std, 1).MoveToOuterDisposeScope();
    }

    // Zero output weights and identity biases: every dimension's spline is the identity whatever the input,
    // and the hidden layers keep their random initialisation so that training can move away from it.
    private static void StartAtIdentity(AutoregressiveTransform ar, MonotonicSpline spline)
    {
        var named = ar.named_parameters().ToList();
        int last = named.Select(p => LayerIndex(p.name)).Max();
        var identity = spline.IdentityParameters;
        using var _ = no_grad();
        foreach (var (name, p) in named.Where(p => LayerIndex(p.name) == last))
        {
            if (name.EndsWith("weight", StringComparison.Ordinal)) p.zero_();
            else
            {
                long perDim = identity.Length;
                var bias = Enumerable.Range(0, (int)(p.size(0) / perDim)).SelectMany(_ => identity).ToArray();
                using var b = tensor(bias, dtype: p.dtype);
                p.copy_(b);
            }
        }
    }

    // "conditioner.layers.3.weight" -> 3
    private static int LayerIndex(string name)
    {
        var parts = name.Split('.');
        return int.Parse(parts[^2], System.Globalization.CultureInfo.InvariantCulture);
    }
}
