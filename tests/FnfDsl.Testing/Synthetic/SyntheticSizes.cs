namespace FnfDsl.Testing.Synthetic;

/// <summary>How many events each synthetic sample holds.</summary>
/// <param name="NominalPerFlavour">Nominal simulation events per flavour.</param>
/// <param name="VariationPerShift">Events of each variation sample (one per shape nuisance, shift and affected flavour).</param>
/// <param name="DataPerFlavour">Expected data events per flavour at nominal rates (the manifest's yield).</param>
public sealed record SyntheticSizes(int NominalPerFlavour, int VariationPerShift, int DataPerFlavour);
