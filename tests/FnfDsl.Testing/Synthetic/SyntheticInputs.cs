using System.Globalization;
using FnfDsl.Analysis;
using FnfDsl.Pipeline.Inputs;
using FnfDsl.Testing.Toy;

namespace FnfDsl.Testing.Synthetic;

/// <summary>
/// Inputs for any declaration, with a known truth: per flavour a smooth distribution of every variable, each shape
/// nuisance shifting the variables it moves for the flavours it affects, rates and POIs scaling the data yields. Writes
/// nominal simulation, +-1 variation samples and data (at <c>truth</c>) with the pipeline's input manifest.
/// </summary>
/// <remarks>
/// Every variable is drawn as a latent z and mapped into its declared range: [Min, Max] by a logistic, one bound by a
/// softplus, none by the identity. Kinematic k of flavour f: z ~ N(0.5 f - 0.3 k, 1). Feature d: z ~ N(0.6 f + 0.4 s_f z_0, 0.8)
/// with s_f = +-1 by flavour parity and z_0 the first kinematic latent. A shape nuisance adds <see cref="ShapeShift"/> nu to
/// the latent of every variable it moves.
/// </remarks>
public static class SyntheticInputs
{
    /// <summary>Shift of a moved variable's latent per unit of a shape nuisance.</summary>
    public const double ShapeShift = 0.3;

    /// <summary>Writes every sample of <paramref name="spec"/> into <paramref name="folder"/> (CSV or Parquet) and the manifest; returns the manifest's path.</summary>
    public static string Write(AnalysisSpec spec, string folder, SyntheticSizes sizes, ulong seed,
        IReadOnlyDictionary<string, double>? truth = null, string extension = ".parquet")
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(sizes);
        Directory.CreateDirectory(folder);
        truth ??= new Dictionary<string, double>();
        var flavours = new SortedDictionary<string, FlavourInputs>(StringComparer.Ordinal);
        var variations = new List<VariationInput>();
        var none = new Dictionary<string, double>();
        for (int f = 0; f < spec.Flavours.Length; f++)
        {
            string flavour = spec.Flavours[f].Name;
            string nominal = $"nominal_{flavour}{extension}";
            Save(Simulate(spec, f, sizes.NominalPerFlavour, none, new RandomStream(seed, nominal)), folder, nominal);
            flavours[flavour] = new FlavourInputs([nominal], sizes.DataPerFlavour);
            foreach (var shape in spec.ShapeNuisances.Where(s => s.Flavours.Contains(flavour)))
                foreach (double shift in new[] { 1.0, -1.0 })
                {
                    string file = $"{shape.Name}_{(shift > 0 ? "up" : "down")}_{flavour}{extension}";
                    Save(Simulate(spec, f, sizes.VariationPerShift, new Dictionary<string, double> { [shape.Name] = shift }, new RandomStream(seed, file)), folder, file);
                    variations.Add(new VariationInput(file, flavour, new Dictionary<string, double> { [shape.Name] = shift }));
                }
        }
        string data = "data" + extension;
        Save(Data(spec, sizes, truth, new RandomStream(seed, data)), folder, data);
        var manifest = new InputManifest(flavours, variations, [data], Truth: truth.ToDictionary());
        string path = Path.Combine(folder, InputManifest.FileName);
        manifest.Write(path);
        return path;
    }

    /// <summary>The data: for each flavour Poisson(yield x rate factors x POI) events at the shape nuisances of <paramref name="truth"/>.</summary>
    public static EventTable Data(AnalysisSpec spec, SyntheticSizes sizes, IReadOnlyDictionary<string, double> truth, RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = new List<EventTable>();
        for (int f = 0; f < spec.Flavours.Length; f++)
        {
            string flavour = spec.Flavours[f].Name;
            double mean = sizes.DataPerFlavour;
            foreach (var rate in spec.RateNuisances.Where(r => r.Flavour == flavour))
            {
                double nu = truth.TryGetValue(rate.Name, out double v) ? v : 0;
                mean *= Math.Pow(nu >= 0 ? rate.KappaUp : rate.KappaDown, nu);
            }
            foreach (var poi in spec.Pois.Where(p => p.Scales.Contains(flavour)))
                mean *= truth.TryGetValue(poi.Name, out double mu) ? mu : poi.Initial;
            parts.Add(Simulate(spec, f, random.NextPoisson(mean), truth, random));
        }
        var names = parts[0].ColumnNames;
        return new EventTable(names.Select(n => TableColumn.Of(n, parts.SelectMany(p => p.Column(n).ToDoubles()).ToArray())));
    }

    /// <summary><paramref name="count"/> events of flavour <paramref name="f"/> at the shape nuisances <paramref name="nu"/> (absent = 0).</summary>
    public static EventTable Simulate(AnalysisSpec spec, int f, int count, IReadOnlyDictionary<string, double> nu, RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(random);
        string flavour = spec.Flavours[f].Name;
        var variables = spec.Kinematics.Concat(spec.Features).ToArray();
        var columns = variables.Select(_ => new double[count]).ToArray();
        var shifts = variables.Select(v => spec.ShapeNuisances
            .Where(s => s.Flavours.Contains(flavour) && s.Moves.Contains(v.Name))
            .Sum(s => ShapeShift * (nu.TryGetValue(s.Name, out double value) ? value : 0))).ToArray();
        double sign = f % 2 == 0 ? 1 : -1;
        for (int i = 0; i < count; i++)
        {
            double z0 = 0;
            for (int k = 0; k < spec.Kinematics.Length; k++)
            {
                double z = 0.5 * f - 0.3 * k + random.NextStandardNormal();
                if (k == 0) z0 = z;
                columns[k][i] = Map(z + shifts[k], variables[k]);
            }
            for (int d = 0; d < spec.Features.Length; d++)
            {
                int j = spec.Kinematics.Length + d;
                double z = 0.6 * f + 0.4 * sign * z0 - 0.2 * d + 0.8 * random.NextStandardNormal();
                columns[j][i] = Map(z + shifts[j], variables[j]);
            }
        }
        return new EventTable(variables.Select((v, j) => TableColumn.Of(v.Column, columns[j])),
            new Dictionary<string, string> { ["flavour"] = flavour, ["nu"] = string.Join(",", nu.Select(p => $"{p.Key}={p.Value.ToString(CultureInfo.InvariantCulture)}")) });
    }

    /// <summary>The latent <paramref name="z"/> in the variable's declared range.</summary>
    private static double Map(double z, VariableSpec variable) => (variable.Min, variable.Max) switch
    {
        ({ } min, { } max) => min + (max - min) * (0.02 + 0.96 / (1 + Math.Exp(-z))),
        ({ } min, null) => min + 0.05 + Math.Log(1 + Math.Exp(z)),
        (null, { } max) => max - 0.05 - Math.Log(1 + Math.Exp(-z)),
        _ => z,
    };

    private static void Save(EventTable table, string folder, string file) => TableFile.Write(table, Path.Combine(folder, file));
}
