using FnfDsl.Likelihood;
using static TorchSharp.torch;

namespace FnfDsl.Analysis;

/// <summary>Simulated events with their true flavour (index into the declared flavours) and the nu they were generated at.</summary>
/// <param name="Events">x [N, Dx] and y [N, Dy].</param>
/// <param name="Flavour">Flavour index per event, int64 [N].</param>
/// <param name="Nu">Nuisances per event [N, K] (all zeros for nominal simulation).</param>
public sealed record SimulationSample(EventData Events, Tensor Flavour, Tensor Nu)
{
    /// <summary>Number of events.</summary>
    public long Count => Events.Count;

    /// <summary>Concatenates samples (e.g. every variation file) into one.</summary>
    public static SimulationSample Concat(IReadOnlyList<SimulationSample> samples)
    {
        if (samples.Count == 0) throw new ArgumentException("No samples to concatenate.", nameof(samples));
        var events = EventData.Create(cat(samples.Select(s => s.Events.X).ToArray(), 0), cat(samples.Select(s => s.Events.Y).ToArray(), 0),
            source: string.Join(" + ", samples.Select(s => s.Events.Source)));
        return new SimulationSample(events, cat(samples.Select(s => s.Flavour).ToArray(), 0), cat(samples.Select(s => s.Nu).ToArray(), 0));
    }
}
