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

    /// <summary>Writes the snapshot's values to <paramref name="file"/>.</summary>
    public void Write(string file) => WriteValues(copies, file);

    /// <summary>Reads values written by <see cref="Write"/> into the snapshot (not into the parameters).</summary>
    public void Read(string file) => ReadValues(copies, file);

    /// <summary>Writes the tensors' values to <paramref name="file"/> (float64, tensor by tensor, each with its length).</summary>
    public static void WriteValues(IReadOnlyList<Tensor> tensors, string file)
    {
        using var writer = new BinaryWriter(File.Create(file));
        writer.Write(tensors.Count);
        foreach (var t in tensors)
        {
            var values = t.detach().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
            writer.Write(values.Length);
            foreach (double v in values) writer.Write(v);
        }
    }

    /// <summary>Copies values written by <see cref="WriteValues"/> into <paramref name="tensors"/> (same count and sizes, else throws).</summary>
    public static void ReadValues(IReadOnlyList<Tensor> tensors, string file)
    {
        using var reader = new BinaryReader(File.OpenRead(file));
        if (reader.ReadInt32() != tensors.Count) throw new InvalidDataException($"{file} holds another number of tensors than {tensors.Count}.");
        using var noGrad = no_grad();
        foreach (var t in tensors)
        {
            int count = reader.ReadInt32();
            if (count != t.numel()) throw new InvalidDataException($"{file} holds {count} values for a tensor of {t.numel()}.");
            var values = new double[count];
            for (int i = 0; i < count; i++) values[i] = reader.ReadDouble();
            using var v = tensor(values, dtype: ScalarType.Float64).view(t.shape).to_type(t.dtype);
            t.copy_(v);
        }
    }

    public void Dispose()
    {
        foreach (var c in copies) c.Dispose();
    }
}
