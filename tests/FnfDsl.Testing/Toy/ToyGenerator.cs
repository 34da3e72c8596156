using System.Globalization;

namespace FnfDsl.Testing.Toy;

/// <summary>Seeded, reproducible generation of the toy samples (toy-dataset.md sections 1-4).</summary>
/// <remarks>
/// Draw order: each flavour draws from its own stream "events/A" or "events/B" under the seed, and each
/// event takes, in this order, the standard normals of its truncated u (redrawn until u &gt; 0.2), then z1,
/// then z2. The nuisances enter only afterwards and deterministically (x = u (1 + 0.05 nu_x),
/// y = m(u, nu_y) + L(u) z), so samples made with the same seed at different nu share their u and z
/// event by event: a variation sample is then the nominal one moved by the nuisance, with no extra noise.
/// Data draws its Poisson counts from the stream "data/counts" and its row order from "data/shuffle",
/// so its events of flavour f are the first N_f events of <see cref="Simulate"/> with the same seed.
/// </remarks>
public static class ToyGenerator
{
    /// <summary>Metadata key: the sample kind ("simulation" or "data").</summary>
    public const string SampleKey = "sample";

    /// <summary>Metadata key: the flavour of a simulation sample.</summary>
    public const string FlavourKey = "flavour";

    /// <summary>Metadata key: the seed the sample was generated with.</summary>
    public const string SeedKey = "seed";

    /// <summary>Metadata key prefix of the nuisance values ("nu.variation_x", ...).</summary>
    public const string NuisancePrefix = "nu.";

    /// <summary>Metadata key: whether data features are distorted ("true"/"false").</summary>
    public const string DistortedKey = "distorted";

    /// <summary>The stream that flavour <paramref name="flavour"/>'s events are drawn from.</summary>
    public static string EventStreamName(ToyFlavour flavour) => "events/" + flavour;

    /// <summary>A simulation sample of <paramref name="count"/> events of one flavour at nuisances <paramref name="nu"/>, without distortion.</summary>
    /// <remarks>Columns x, y1, y2, flavour. Only the shape nuisances matter here; rate nuisances are recorded but do not change the sample.</remarks>
    public static EventTable Simulate(ToyFlavour flavour, int count, ToyNuisances nu, ulong seed)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "must be >= 0");
        CheckFinite(nu);
        var events = DrawEvents(flavour, count, nu, new RandomStream(seed, EventStreamName(flavour)));
        var labels = new int[count];
        Array.Fill(labels, (int)flavour);
        var metadata = Metadata("simulation", seed, nu);
        metadata[FlavourKey] = flavour.ToString();
        return new EventTable(
            [
                TableColumn.Of(ToyColumns.X, events.X),
                TableColumn.Of(ToyColumns.Y1, events.Y1),
                TableColumn.Of(ToyColumns.Y2, events.Y2),
                TableColumn.Of(ToyColumns.Flavour, labels),
            ],
            metadata);
    }

    /// <summary>The data sample: Poisson(N_f kappa^nu_norm) events per flavour at the injected nuisances, distorted, rows shuffled.</summary>
    /// <remarks>Columns x, y1, y2 (for the fit), then the truth columns flavour_true, y1_true, y2_true, u.</remarks>
    public static EventTable Data(double expectedA, double expectedB, ulong seed, ToyNuisances injected = default, bool distort = true)
    {
        CheckYield(expectedA, nameof(expectedA));
        CheckYield(expectedB, nameof(expectedB));
        CheckFinite(injected);
        var counts = new RandomStream(seed, "data/counts");
        int countA = counts.NextPoisson(expectedA * ToyModel.YieldFactor(injected.NormA));
        int countB = counts.NextPoisson(expectedB * ToyModel.YieldFactor(injected.NormB));

        int total = countA + countB;
        var x = new double[total];
        var y1 = new double[total];
        var y2 = new double[total];
        var flavours = new int[total];
        var y1True = new double[total];
        var y2True = new double[total];
        var u = new double[total];
        int row = 0;
        foreach (var (flavour, count) in new[] { (ToyFlavour.A, countA), (ToyFlavour.B, countB) })
        {
            var events = DrawEvents(flavour, count, injected, new RandomStream(seed, EventStreamName(flavour)));
            for (int i = 0; i < count; i++, row++)
            {
                x[row] = events.X[i];
                u[row] = events.U[i];
                flavours[row] = (int)flavour;
                (y1True[row], y2True[row]) = (events.Y1[i], events.Y2[i]);
                (y1[row], y2[row]) = distort
                    ? Distortion.Apply(flavour, events.X[i], events.U[i], events.Y1[i], events.Y2[i])
                    : (events.Y1[i], events.Y2[i]);
            }
        }

        // Shuffle so that no flavour ordering leaks into the fit (e.g. through a train/validation split).
        var order = Enumerable.Range(0, total).ToArray();
        var shuffle = new RandomStream(seed, "data/shuffle");
        for (int i = total - 1; i > 0; i--)
        {
            int j = shuffle.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var metadata = Metadata("data", seed, injected);
        metadata[DistortedKey] = distort ? "true" : "false";
        metadata["expected_A"] = expectedA.ToString("R", CultureInfo.InvariantCulture);
        metadata["expected_B"] = expectedB.ToString("R", CultureInfo.InvariantCulture);
        var table = new EventTable(
            [
                TableColumn.Of(ToyColumns.X, x),
                TableColumn.Of(ToyColumns.Y1, y1),
                TableColumn.Of(ToyColumns.Y2, y2),
                TableColumn.Of(ToyColumns.FlavourTrue, flavours),
                TableColumn.Of(ToyColumns.Y1True, y1True),
                TableColumn.Of(ToyColumns.Y2True, y2True),
                TableColumn.Of(ToyColumns.U, u),
            ],
            metadata);
        return table.TakeRows(order);
    }

    /// <summary>The nuisance values recorded in a generated table's metadata.</summary>
    public static ToyNuisances NuisancesOf(EventTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string name in ToyNuisances.Names)
        {
            if (table.Metadata.TryGetValue(NuisancePrefix + name, out string? text))
                values[name] = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        return ToyNuisances.FromDictionary(values);
    }

    /// <summary>A truncated normal draw u ~ N(mu_f, s_f) given u &gt; 0.2, by redrawing.</summary>
    public static double DrawKinematic(ToyFlavour flavour, RandomStream random)
    {
        double mu = ToyModel.KinematicMean(flavour), s = ToyModel.KinematicWidth(flavour);
        while (true)
        {
            double u = mu + s * random.NextStandardNormal();
            if (u > ToyModel.TruncationU) return u;
        }
    }

    private sealed record Events(double[] U, double[] X, double[] Y1, double[] Y2);

    private static Events DrawEvents(ToyFlavour flavour, int count, ToyNuisances nu, RandomStream random)
    {
        var events = new Events(new double[count], new double[count], new double[count], new double[count]);
        double scale = ToyModel.KinematicScale(nu.VariationX);
        for (int i = 0; i < count; i++)
        {
            double u = DrawKinematic(flavour, random);
            double z1 = random.NextStandardNormal();
            double z2 = random.NextStandardNormal();
            events.U[i] = u;
            events.X[i] = u * scale;
            (events.Y1[i], events.Y2[i]) = ToyModel.Features(flavour, u, nu.VariationY, z1, z2);
        }
        return events;
    }

    private static Dictionary<string, string> Metadata(string sample, ulong seed, ToyNuisances nu)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SampleKey] = sample,
            [SeedKey] = seed.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in nu.ToDictionary())
            metadata[NuisancePrefix + name] = value.ToString("R", CultureInfo.InvariantCulture);
        return metadata;
    }

    private static void CheckFinite(ToyNuisances nu)
    {
        foreach (var (name, value) in nu.ToDictionary())
        {
            if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(nu), value, $"nuisance {name} must be finite");
        }
        if (ToyModel.KinematicScale(nu.VariationX) <= 0)
            throw new ArgumentOutOfRangeException(nameof(nu), nu.VariationX, "variation_x must keep 1 + 0.05 nu_x positive (nu_x > -20)");
    }

    private static void CheckYield(double expected, string name)
    {
        if (!double.IsFinite(expected) || expected < 0) throw new ArgumentOutOfRangeException(name, expected, "an expected yield must be finite and >= 0");
    }
}
