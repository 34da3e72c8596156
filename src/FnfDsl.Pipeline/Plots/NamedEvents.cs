namespace FnfDsl.Pipeline.Plots;

/// <summary>A labelled sample of events, e.g. one flavour's share of the pseudo-data.</summary>
/// <param name="Label">Legend text.</param>
/// <param name="Events">The events.</param>
public sealed record NamedEvents(string Label, EventColumns Events);
