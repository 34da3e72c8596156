namespace FnfDsl.Testing.Toy;

/// <summary>Sizes, seed and nuisances of a full toy dataset; <see cref="Small"/> and <see cref="Paper"/> are the presets of toy-dataset.md section 4.</summary>
public sealed record ToyConfig
{
    /// <summary>Master seed; every sample's own seed is derived from it and the sample name.</summary>
    public ulong Seed { get; init; } = 20240501;

    /// <summary>Events per flavour in each nominal simulation sample.</summary>
    public int NominalSize { get; init; } = 20_000;

    /// <summary>Events per flavour in each variation simulation sample.</summary>
    public int VariationSize { get; init; } = 10_000;

    /// <summary>Expected number N_A of flavour-A data events (before the norm_A factor).</summary>
    public double DataYieldA { get; init; } = 5_000;

    /// <summary>Expected number N_B of flavour-B data events (before the norm_B factor).</summary>
    public double DataYieldB { get; init; } = 5_000;

    /// <summary>The nu_k values of the variation samples, for each shape nuisance (others at 0); e.g. [+1, -1, +2, -2].</summary>
    public IReadOnlyList<double> VariationShifts { get; init; } = [1.0, -1.0];

    /// <summary>The nuisances injected into the data (closure tests); nominal by default.</summary>
    public ToyNuisances InjectedNu { get; init; }

    /// <summary>Whether the data features are distorted (the default; false gives undistorted data).</summary>
    public bool DistortData { get; init; } = true;

    /// <summary>Small sizes for tests and quick runs: 20k per flavour nominal, 10k per variation, 5k + 5k data.</summary>
    public static ToyConfig Small => new();

    /// <summary>The paper's sizes: 300k per flavour nominal, 100k per variation, 50k + 50k data.</summary>
    public static ToyConfig Paper => new() { NominalSize = 300_000, VariationSize = 100_000, DataYieldA = 50_000, DataYieldB = 50_000 };
}
