namespace FnfDsl.Pipeline.Plots;

/// <summary>A sample of events as plain arrays: the kinematic variable the figures bin in (x) and every feature.</summary>
/// <param name="X">Binning variable of each event (the first kinematic variable; zeros when there is none).</param>
/// <param name="Features">Each feature's values, in the declaration's order.</param>
public sealed record EventColumns(double[] X, IReadOnlyList<double[]> Features)
{
    /// <summary>Number of events.</summary>
    public int Count => X.Length;

    /// <summary>Feature <paramref name="index"/>.</summary>
    public double[] Feature(int index) => Features[index];

    /// <summary>All events of <paramref name="parts"/> in one sample, in order.</summary>
    public static EventColumns Concat(IEnumerable<EventColumns> parts)
    {
        var list = parts.ToList();
        int features = list.Count == 0 ? 0 : list[0].Features.Count;
        return new EventColumns([.. list.SelectMany(p => p.X)],
            Enumerable.Range(0, features).Select(d => list.SelectMany(p => p.Features[d]).ToArray()).ToArray());
    }

    /// <summary>Checks equal lengths and finite values; the error names <paramref name="name"/>, the column and the row.</summary>
    public void Validate(string name)
    {
        PlotInput.RequireFinite($"{name}.X", X);
        for (int d = 0; d < Features.Count; d++)
        {
            PlotInput.RequireLength($"{name}.Features[{d}]", Features[d], X.Length);
            PlotInput.RequireFinite($"{name}.Features[{d}]", Features[d]);
        }
    }
}

/// <summary>Builds <see cref="EventColumns"/> from event tensors.</summary>
public static class EventColumnsOf
{
    /// <summary>The events x [N, Dx], y [N, Dy] as plot columns, binned in the first kinematic variable (zeros when Dx = 0).</summary>
    public static EventColumns Tensors(TorchSharp.torch.Tensor x, TorchSharp.torch.Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        long n = y.shape[0];
        var binning = x.shape[1] > 0 ? Column(x, 0) : new double[n];
        return new EventColumns(binning, Enumerable.Range(0, (int)y.shape[1]).Select(d => Column(y, d)).ToArray());
    }

    /// <summary>The events of each declared flavour (by the flavour index per event), labelled "<paramref name="prefix"/> name".</summary>
    public static IReadOnlyList<NamedEvents> ByFlavour(FnfDsl.Analysis.AnalysisSpec spec, TorchSharp.torch.Tensor x, TorchSharp.torch.Tensor y, TorchSharp.torch.Tensor flavour, string prefix)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Flavours.Select((f, index) =>
        {
            using var mask = flavour.eq(index);
            using var ofFlavour = x[mask];
            using var features = y[mask];
            return new NamedEvents($"{prefix} {f.Name}", Tensors(ofFlavour, features));
        }).ToList();
    }

    /// <summary>Edges of <paramref name="bins"/> equally populated bins of the data's binning variable; one bin when the analysis has no kinematic variable.</summary>
    public static double[] BinEdges(FnfDsl.Analysis.AnalysisSpec spec, EventColumns data, int bins)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(data);
        return spec.Kinematics.Length > 0 ? Binning.QuantileEdges(data.X, bins) : [-0.5, 0.5];
    }

    private static double[] Column(TorchSharp.torch.Tensor values, int d)
    {
        using var column = values.select(1, d).to_type(TorchSharp.torch.ScalarType.Float64).contiguous();
        return column.data<double>().ToArray();
    }
}
