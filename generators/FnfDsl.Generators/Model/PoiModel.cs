namespace FnfDsl.Generators.Model;

/// <summary>A scalar parameter of interest: the flavours it multiplies, its starting value and bounds.</summary>
public sealed record PoiModel(string Name, EquatableArray<string> Scales, double Initial, double Min, double Max);
