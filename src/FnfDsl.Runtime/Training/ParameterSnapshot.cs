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

    /// <summary>Writes the snapshot's values to <paramref name="file"/> (float64, parameter by parameter).</summary>
    public void Write(string file)
    {
        using var writer = new BinaryWriter(File.Create(file));
        writer.Write(copies.Length);
        foreach (var c in copies)
        {
            var values = c.to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
            writer.Write(values.Length);
            foreach (double v in values) writer.Write(v);
        }
    }

    /// <summary>Reads values written by <see cref="Write"/> into the snapshot (not into the parameters).</summary>
    public void Read(string file)
    {
        using var reader = new BinaryReader(File.OpenRead(file));
        if (reader.ReadInt32() != copies.Length) throw new InvalidDataException($"{file} holds another number of parameters than {copies.Length}.");
        using var noGrad = no_grad();
        foreach (var c in copies)
        {
            int count = reader.ReadInt32();
            if (count != c.numel()) throw new InvalidDataException($"{file} holds {count} values for a parameter of {c.numel()}.");
            var values = new double[count];
            for (int i = 0; i < count; i++) values[i] = reader.ReadDouble();
            using var t = tensor(values, dtype: ScalarType.Float64).view(c.shape).to_type(c.dtype);
            c.copy_(t);
        }
    }

    public void Dispose()
    {
        foreach (var c in copies) c.Dispose();
    }
}
