using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FnfDsl.Flows;

/// <summary>f = f_n o ... o f_1 applied in the given order; log|det J| is the sum of the steps' log-dets.</summary>
/// <remarks>Every step receives the same context; steps without a context ignore it.</remarks>
public sealed class ComposedTransform : Transform
{
    private readonly ModuleList<Transform> steps;

    /// <summary>The composition that applies <paramref name="transforms"/>[0] first.</summary>
    public ComposedTransform(params Transform[] transforms) : base(nameof(ComposedTransform))
    {
        if (transforms.Length == 0) throw new ArgumentException("A composition needs at least one transform.", nameof(transforms));
        int dim = transforms[0].Dim;
        for (int i = 1; i < transforms.Length; i++)
            if (transforms[i].Dim != dim)
                throw new ArgumentException($"Transform {i} ({transforms[i].GetName()}) has dimension {transforms[i].Dim}, the first has {dim}.", nameof(transforms));
        Dim = dim;
        steps = new ModuleList<Transform>(transforms);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override int Dim { get; }

    /// <summary>The steps, first applied first.</summary>
    public IReadOnlyList<Transform> Steps => steps.ToList();

    /// <inheritdoc />
    public override (Tensor Z, Tensor LogDet) ForwardAndLogDet(Tensor y, Tensor? context = null)
    {
        using var scope = NewDisposeScope();
        var z = y;
        Tensor? logDet = null;
        foreach (var step in steps)
        {
            var (next, stepLogDet) = step.ForwardAndLogDet(z, context);
            z = next;
            logDet = logDet is null ? stepLogDet : logDet + stepLogDet;
        }
        return (z.MoveToOuterDisposeScope(), logDet!.MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public override Tensor Inverse(Tensor z, Tensor? context = null)
    {
        using var scope = NewDisposeScope();
        var y = z;
        for (int i = steps.Count - 1; i >= 0; i--) y = steps[i].Inverse(y, context);
        return y.MoveToOuterDisposeScope();
    }
}
