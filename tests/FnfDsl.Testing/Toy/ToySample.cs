namespace FnfDsl.Testing.Toy;

/// <summary>One planned sample of a toy dataset: what it is and how to generate it.</summary>
/// <param name="Name">File stem, e.g. "nominal_A", "variation_x_up_B", "variation_y_down2_A", "data".</param>
/// <param name="Kind">"nominal", "variation" or "data".</param>
/// <param name="Flavour">The flavour of a simulation sample; null for data.</param>
/// <param name="Nu">The nuisance values the sample is generated at.</param>
/// <param name="Seed">The sample's own seed (derived from the master seed and the name).</param>
/// <param name="Size">Events of a simulation sample; for data, the expected total before the Poisson draw.</param>
public sealed record ToySample(string Name, string Kind, ToyFlavour? Flavour, ToyNuisances Nu, ulong Seed, double Size)
{
    /// <summary>True for the data sample.</summary>
    public bool IsData => Flavour is null;
}
