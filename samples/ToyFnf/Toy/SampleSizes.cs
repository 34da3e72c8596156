namespace ToyFnf.Toy;

/// <summary>How many events each toy sample holds (toy-dataset.md section 4).</summary>
/// <param name="NominalPerFlavour">Nominal simulation events per flavour.</param>
/// <param name="VariationPerShift">Events per flavour in each variation sample (one per shape nuisance and shift).</param>
/// <param name="DataPerFlavour">Expected data events per flavour (the data count is a Poisson draw around it).</param>
public sealed record SampleSizes(int NominalPerFlavour, int VariationPerShift, int DataPerFlavour);
