using System.Globalization;

namespace FnfDsl.Testing.Toy;

/// <summary>The full set of toy samples of a configuration: plan, generate, and write them to a folder with a manifest.</summary>
public static class ToySamples
{
    /// <summary>Name of the data sample.</summary>
    public const string DataName = "data";

    /// <summary>Every sample of <paramref name="config"/>: nominal A and B, each shape nuisance at each shift for A and B, then data.</summary>
    public static IReadOnlyList<ToySample> Plan(ToyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Validate(config);
        var plan = new List<ToySample>();
        foreach (var flavour in Flavours)
            plan.Add(Simulation("nominal", NominalName(flavour), flavour, ToyNuisances.Nominal, config.NominalSize, config.Seed));
        foreach (string nuisance in ToyNuisances.ShapeNames)
        {
            foreach (double shift in config.VariationShifts)
            {
                foreach (var flavour in Flavours)
                {
                    var nu = ToyNuisances.Nominal.With(nuisance, shift);
                    plan.Add(Simulation("variation", VariationName(nuisance, shift, flavour), flavour, nu, config.VariationSize, config.Seed));
                }
            }
        }
        plan.Add(new ToySample(DataName, "data", null, config.InjectedNu, SeedSequence.Derive(config.Seed, DataName),
            config.DataYieldA + config.DataYieldB));
        return plan;
    }

    /// <summary>Generates one planned sample.</summary>
    public static EventTable Generate(ToySample sample, ToyConfig config)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(config);
        return sample.Flavour is ToyFlavour flavour
            ? ToyGenerator.Simulate(flavour, (int)sample.Size, sample.Nu, sample.Seed)
            : ToyGenerator.Data(config.DataYieldA, config.DataYieldB, sample.Seed, config.InjectedNu, config.DistortData);
    }

    /// <summary>Generates the planned sample called <paramref name="name"/> (e.g. "nominal_A", "data").</summary>
    public static EventTable Generate(ToyConfig config, string name)
    {
        var sample = Plan(config).FirstOrDefault(s => s.Name == name)
                     ?? throw new ArgumentException($"No sample '{name}' in this configuration; it has: {string.Join(", ", Plan(config).Select(s => s.Name))}.", nameof(name));
        return Generate(sample, config);
    }

    /// <summary>Writes every sample to <paramref name="folder"/> (one file each, atomically) and then the manifest; returns the manifest.</summary>
    public static ToyManifest Write(ToyConfig config, string folder, TableFormat format = TableFormat.Parquet)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Directory.CreateDirectory(folder);
        var files = new List<ToyManifestFile>();
        foreach (var sample in Plan(config))
        {
            // One sample in memory at a time keeps the paper-size set within a few tens of MB.
            var table = Generate(sample, config);
            string file = sample.Name + TableFile.Extension(format);
            TableFile.Write(table, Path.Combine(folder, file));
            files.Add(new ToyManifestFile(file, sample.Name, sample.Kind, sample.Flavour?.ToString(), sample.Nu.ToDictionary(), sample.Seed, table.RowCount));
        }
        var manifest = new ToyManifest(config.Seed, config.NominalSize, config.VariationSize, config.DataYieldA, config.DataYieldB,
            config.VariationShifts.ToArray(), config.InjectedNu.ToDictionary(), config.DistortData, format.ToString(), files);
        manifest.Write(folder);
        return manifest;
    }

    /// <summary>The nominal sample name of a flavour: "nominal_A".</summary>
    public static string NominalName(ToyFlavour flavour) => "nominal_" + flavour;

    /// <summary>The variation sample name: nuisance, direction ("up"/"down", with the magnitude unless it is 1), flavour; e.g. "variation_x_up_A", "variation_y_down2_B".</summary>
    public static string VariationName(string nuisance, double shift, ToyFlavour flavour)
    {
        if (!double.IsFinite(shift) || shift == 0) throw new ArgumentOutOfRangeException(nameof(shift), shift, "a variation shift must be finite and non-zero");
        string direction = shift > 0 ? "up" : "down";
        double magnitude = Math.Abs(shift);
        string amount = magnitude == 1 ? "" : magnitude.ToString("R", CultureInfo.InvariantCulture);
        return $"{nuisance}_{direction}{amount}_{flavour}";
    }

    private static readonly ToyFlavour[] Flavours = [ToyFlavour.A, ToyFlavour.B];

    private static ToySample Simulation(string kind, string name, ToyFlavour flavour, ToyNuisances nu, int size, ulong masterSeed) =>
        new(name, kind, flavour, nu, SeedSequence.Derive(masterSeed, name), size);

    private static void Validate(ToyConfig config)
    {
        if (config.NominalSize < 0) throw new ArgumentOutOfRangeException(nameof(config), config.NominalSize, "NominalSize must be >= 0");
        if (config.VariationSize < 0) throw new ArgumentOutOfRangeException(nameof(config), config.VariationSize, "VariationSize must be >= 0");
        if (config.VariationShifts.Distinct().Count() != config.VariationShifts.Count)
            throw new ArgumentException("VariationShifts holds the same shift twice.", nameof(config));
    }
}
