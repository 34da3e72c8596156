using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FnfDsl.Training;

/// <summary>Preallocated copies of a set of parameters, to roll back to or restore (no allocation per save).</summary>
internal sealed class ParameterSnapshot : IDisposable
{
    private readonly IReadOnlyList<Parameter> parameters;
    private readonly Tensor[] copies;

    public ParameterSnapshot(IReadOnlyList<Parameter> parameters)
    {
        this.parameters = parameters;
        using var noGrad = no_grad();
        copies = parameters.Select(p => p.detach().clone().DetachFromDisposeScope()).ToArray();
    }

    /// <summary>Copies the parameters' current values into the snapshot.</summary>
    public void Save()
    {
        using var noGrad = no_grad();
        for (int i = 0; i < copies.Length; i++) copies[i].copy_(parameters[i]);
    }

    /// <summary>Copies the snapshot back into the parameters.</summary>
    public void Restore()
    {
        using var noGrad = no_grad();
        for (int i = 0; i < copies.Length; i++) parameters[i].copy_(copies[i]);
    }

    public void Dispose()
    {
        foreach (var c in copies) c.Dispose();
    }
}
