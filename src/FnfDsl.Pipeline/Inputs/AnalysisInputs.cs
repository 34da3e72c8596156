using System.Globalization;
using System.Text.Json;
using FnfDsl.Analysis;
using FnfDsl.Likelihood;
using FnfDsl.Tables;
using static TorchSharp.torch;

namespace FnfDsl.Pipeline.Inputs;

/// <summary>
/// A run's inputs read through its manifest and checked against the declaration: every file read, every problem of
/// the manifest and of the files collected (with manifest key, file, column and row) and thrown together as an
/// <see cref="InputValidationException"/> before anything is trained; then the samples as the runtime's tensors.
/// </summary>
public sealed class AnalysisInputs
{
    private readonly Dictionary<string, EventTable> _tables;

    private AnalysisInputs(AnalysisSpec spec, string manifestPath, InputManifest manifest, Dictionary<string, EventTable> tables)
    {
        Spec = spec;
        ManifestPath = manifestPath;
        Manifest = manifest;
        _tables = tables;
    }

    /// <summary>The declaration the inputs were checked against.</summary>
    public AnalysisSpec Spec { get; }

    /// <summary>Full path of the manifest.</summary>
    public string ManifestPath { get; }

    /// <summary>The folder file paths are relative to.</summary>
    public string Folder => Path.GetDirectoryName(ManifestPath)!;

    /// <summary>The manifest as read.</summary>
    public InputManifest Manifest { get; }

    /// <summary>The expected data yield of each flavour: the manifest's, else the declaration's.</summary>
    public IReadOnlyDictionary<string, double> Yields =>
        Spec.Flavours.ToDictionary(f => f.Name, f => Manifest.Flavours![f.Name].Yield ?? f.Yield, StringComparer.Ordinal);

    /// <summary>Known true nuisance values (empty when the manifest gives none).</summary>
    public IReadOnlyDictionary<string, double> Truth => Manifest.Truth ?? new Dictionary<string, double>();

    /// <summary>Reads and checks the manifest <paramref name="manifestPath"/> and every file it names against <paramref name="spec"/>.</summary>
    /// <exception cref="InputValidationException">Anything is wrong; it lists every problem.</exception>
    public static AnalysisInputs Load(AnalysisSpec spec, string manifestPath)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string path = Path.GetFullPath(manifestPath);
        var problems = new List<InputProblem>();
        var manifest = ReadManifest(path, problems);
        var tables = new Dictionary<string, EventTable>(StringComparer.Ordinal);
        if (manifest is not null) new InputChecks(spec, Path.GetDirectoryName(path)!, manifest, problems, tables).Run();
        if (problems.Count > 0) throw new InputValidationException(path, problems);
        return new AnalysisInputs(spec, path, manifest!, tables);
    }

    /// <summary>Yields and content hash of the inputs without building tensors: what the stages' fingerprints depend on.</summary>
    public static (IReadOnlyDictionary<string, double> Yields, string ContentHash) Describe(AnalysisSpec spec, string manifestPath)
    {
        string path = Path.GetFullPath(manifestPath);
        var (manifest, yields) = ReadYields(spec, path);
        string folder = Path.GetDirectoryName(path)!;
        var files = FilesOf(manifest).Distinct(StringComparer.Ordinal).Where(f => File.Exists(Path.Combine(folder, f))).ToList();
        return (yields, Stages.ContentHash.OfFiles(folder, [Path.GetFileName(path), .. files]));
    }

    /// <summary>The expected data yield of each flavour from the manifest <paramref name="manifestPath"/> (else the declaration's), reading nothing else.</summary>
    public static IReadOnlyDictionary<string, double> YieldsOf(AnalysisSpec spec, string manifestPath) => ReadYields(spec, Path.GetFullPath(manifestPath)).Yields;

    private static (InputManifest Manifest, IReadOnlyDictionary<string, double> Yields) ReadYields(AnalysisSpec spec, string path)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new List<InputProblem>();
        var manifest = ReadManifest(path, problems) ?? throw new InputValidationException(path, problems);
        var yields = spec.Flavours.ToDictionary(f => f.Name,
            f => manifest.Flavours is not null && manifest.Flavours.TryGetValue(f.Name, out var inputs) && inputs.Yield is { } y ? y : f.Yield, StringComparer.Ordinal);
        return (manifest, yields);
    }

    /// <summary>The expected yields and known true values of the manifest <paramref name="manifestPath"/>, reading no data file.</summary>
    public static (IReadOnlyDictionary<string, double> Yields, IReadOnlyDictionary<string, double> Truth) Summary(AnalysisSpec spec, string manifestPath)
    {
        var (manifest, yields) = ReadYields(spec, Path.GetFullPath(manifestPath));
        return (yields, manifest.Truth ?? new Dictionary<string, double>());
    }

    /// <summary>Every file the manifest names, relative to its folder, in manifest order.</summary>
    public static IEnumerable<string> FilesOf(InputManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        foreach (var flavour in manifest.Flavours ?? new Dictionary<string, FlavourInputs>())
            foreach (string file in flavour.Value.Nominal ?? []) yield return file;
        foreach (var variation in manifest.Variations ?? []) yield return variation.File;
        foreach (string file in manifest.Data ?? []) yield return file;
    }

    /// <summary>The nominal simulation of every flavour, as one sample at nu = 0.</summary>
    public SimulationSample Nominal() =>
        SimulationSample.Concat(Spec.Flavours.SelectMany((f, index) =>
            Manifest.Flavours![f.Name].Nominal!.Select(file => Simulation(file, index, new double[NuisanceCount]))).ToList());

    /// <summary>The nominal simulation of flavour <paramref name="flavour"/> (index in the declaration), as tables.</summary>
    public IReadOnlyList<EventTable> NominalTables(int flavour) =>
        Manifest.Flavours![Spec.Flavours[flavour].Name].Nominal!.Select(f => _tables[f]).ToList();

    /// <summary>Every variation sample, each event at the nu of its manifest entry.</summary>
    public SimulationSample Variations() =>
        SimulationSample.Concat(Manifest.Variations!.Select(v => Simulation(v.File, FlavourIndex(v.Flavour), NuOf(v))).ToList());

    /// <summary>The data events the fit sees (declared columns, weights if the manifest names a weight column).</summary>
    public EventData Data() => Events(DataTable(), string.Join(", ", Manifest.Data!));

    /// <summary>The data files concatenated into one table with every column they have (for plots and extensions; the fit reads <see cref="Data"/>).</summary>
    public EventTable DataTable()
    {
        var parts = Manifest.Data!.Select(f => _tables[f]).ToList();
        return parts.Count == 1 ? parts[0] : Concat(parts);
    }

    /// <summary>x [N, Dx], y [N, Dy] (and weights) of a table, in the declaration's order and the run's dtype.</summary>
    public EventData Events(EventTable table, string source)
    {
        ArgumentNullException.ThrowIfNull(table);
        var x = table.ToRowMajor([.. Spec.Kinematics.Select(ColumnOf)]);
        var y = table.ToRowMajor([.. Spec.Features.Select(ColumnOf)]);
        Tensor? weights = Manifest.Weight is { } w && table.HasColumn(w) ? tensor(table.Column(w).ToDoubles(), dtype: Configuration.RunSpec.Dtype) : null;
        return EventData.Create(
            tensor(x, [table.RowCount, Spec.Kinematics.Length], Configuration.RunSpec.Dtype),
            tensor(y, [table.RowCount, Spec.Features.Length], Configuration.RunSpec.Dtype),
            weights, source);
    }

    /// <summary>The values of declared variable <paramref name="variable"/> in <paramref name="table"/> (through the column mapping).</summary>
    public double[] Values(EventTable table, VariableSpec variable)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Column(ColumnOf(variable)).ToDoubles();
    }

    /// <summary>The file column of a declared variable: the manifest's mapping, else the declaration's <c>Column</c>.</summary>
    public string ColumnOf(VariableSpec variable) => ColumnOf(Manifest, variable);

    private static string ColumnOf(InputManifest manifest, VariableSpec variable) =>
        manifest.Columns is not null && manifest.Columns.TryGetValue(variable.Name, out string? column) ? column : variable.Column;

    private int NuisanceCount => Spec.ShapeNuisances.Length + Spec.RateNuisances.Length;

    private int FlavourIndex(string name) => Array.FindIndex(Spec.Flavours, f => f.Name == name);

    /// <summary>The nuisance vector (declaration order: shape, then rate) of a variation entry.</summary>
    private double[] NuOf(VariationInput variation) => NuOf(Spec, variation);

    private static double[] NuOf(AnalysisSpec spec, VariationInput variation)
    {
        var nu = new double[spec.ShapeNuisances.Length + spec.RateNuisances.Length];
        if (variation.Variation is { } label)
        {
            int up = Array.FindIndex(spec.ShapeNuisances, s => s.UpLabel == label), down = Array.FindIndex(spec.ShapeNuisances, s => s.DownLabel == label);
            if (up >= 0) nu[up] = 1;
            if (down >= 0) nu[down] = -1;
            return nu;
        }
        foreach (var (name, value) in variation.Nuisances ?? new Dictionary<string, double>())
            nu[Array.FindIndex(spec.ShapeNuisances, s => s.Name == name)] = value;
        return nu;
    }

    private SimulationSample Simulation(string file, int flavour, double[] nu)
    {
        var table = _tables[file];
        var events = Events(table, Path.Combine(Folder, file));
        return new SimulationSample(events, full(table.RowCount, (long)flavour, dtype: ScalarType.Int64),
            tensor(nu, dtype: Configuration.RunSpec.Dtype).expand(table.RowCount, nu.Length).contiguous());
    }

    private static EventTable Concat(IReadOnlyList<EventTable> parts)
    {
        var names = parts[0].ColumnNames.Where(n => parts.All(p => p.HasColumn(n))).ToList();
        return new EventTable(names.Select(n => TableColumn.Of(n, parts.SelectMany(p => p.Column(n).ToDoubles()).ToArray())));
    }

    private static InputManifest? ReadManifest(string path, List<InputProblem> problems)
    {
        if (!File.Exists(path))
        {
            problems.Add(new InputProblem("", "manifest not found", path));
            return null;
        }
        try
        {
            var manifest = JsonSerializer.Deserialize<InputManifest>(File.ReadAllText(path), InputManifest.Json);
            if (manifest is null) problems.Add(new InputProblem("", "the manifest is JSON null", path));
            return manifest;
        }
        catch (JsonException e)
        {
            string key = e.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : "";
            problems.Add(new InputProblem(key, $"not a valid manifest (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", path));
            return null;
        }
    }

    /// <summary>The checks of one manifest against one declaration; each adds its problems and goes on.</summary>
    private sealed class InputChecks(AnalysisSpec spec, string folder, InputManifest manifest, List<InputProblem> problems, Dictionary<string, EventTable> tables)
    {
        public void Run()
        {
            CheckColumnMapping();
            CheckFlavours();
            CheckVariations();
            CheckData();
            CheckTruth();
        }

        private void CheckColumnMapping()
        {
            foreach (string name in (manifest.Columns ?? new Dictionary<string, string>()).Keys)
                if (!Variables.Any(v => v.Name == name))
                    Problem($"columns.{name}", $"'{name}' is not a declared variable ({string.Join(", ", Variables.Select(v => v.Name))})");
        }

        private void CheckFlavours()
        {
            var flavours = manifest.Flavours ?? new Dictionary<string, FlavourInputs>();
            foreach (string name in flavours.Keys.Where(n => !spec.Flavours.Any(f => f.Name == n)))
                Problem($"flavours.{name}", $"'{name}' is not a declared flavour ({FlavourList})");
            foreach (var flavour in spec.Flavours)
            {
                string key = $"flavours.{flavour.Name}";
                if (!flavours.TryGetValue(flavour.Name, out var inputs) || inputs.Nominal is not { Count: > 0 })
                {
                    Problem($"{key}.nominal", $"flavour {flavour.Name} has no nominal simulation file");
                    continue;
                }
                if (inputs.Yield is { } y && !(double.IsFinite(y) && y > 0)) Problem($"{key}.yield", $"the expected yield must be a positive number, got {y.ToString(CultureInfo.InvariantCulture)}");
                for (int i = 0; i < inputs.Nominal.Count; i++) Read($"{key}.nominal[{i}]", inputs.Nominal[i]);
            }
        }

        private void CheckVariations()
        {
            var variations = manifest.Variations ?? [];
            var covered = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < variations.Count; i++)
            {
                var v = variations[i];
                string key = $"variations[{i}]";
                if (string.IsNullOrWhiteSpace(v.File))
                {
                    Problem($"{key}.file", "a variation needs a file");
                    continue;
                }
                int flavour = Array.FindIndex(spec.Flavours, f => f.Name == v.Flavour);
                if (flavour < 0) Problem($"{key}.flavour", $"'{v.Flavour}' is not a declared flavour ({FlavourList})", v.File);
                if ((v.Nuisances is null) == (v.Variation is null))
                    Problem(key, "give either 'nuisances' (values) or 'variation' (a declared Up/Down label), not both or neither", v.File);
                else if (v.Variation is { } label)
                {
                    var match = spec.ShapeNuisances.FirstOrDefault(s => s.UpLabel == label || s.DownLabel == label);
                    if (match is null) Problem($"{key}.variation", $"'{label}' is not a declared variation label ({string.Join(", ", spec.ShapeNuisances.SelectMany(s => new[] { s.UpLabel, s.DownLabel }))})", v.File);
                    else Cover(match, v, key, flavour, covered);
                }
                else
                {
                    if (v.Nuisances!.Count == 0) Problem($"{key}.nuisances", "a variation must shift at least one shape nuisance", v.File);
                    foreach (var (name, value) in v.Nuisances)
                    {
                        var shape = spec.ShapeNuisances.FirstOrDefault(s => s.Name == name);
                        if (shape is null)
                        {
                            string why = spec.RateNuisances.Any(r => r.Name == name) ? "is a rate nuisance: it scales a yield and takes no variation sample" : "is not a declared shape nuisance";
                            Problem($"{key}.nuisances.{name}", $"'{name}' {why} ({string.Join(", ", spec.ShapeNuisances.Select(s => s.Name))})", v.File);
                            continue;
                        }
                        if (!double.IsFinite(value) || value == 0) Problem($"{key}.nuisances.{name}", $"a variation value must be finite and non-zero, got {value.ToString(CultureInfo.InvariantCulture)}", v.File);
                        Cover(shape, v, key, flavour, covered);
                    }
                }
                Read($"{key}.file", v.File);
            }
            foreach (var shape in spec.ShapeNuisances.Where(s => !covered.Contains(s.Name)))
                Problem("variations", $"shape nuisance {shape.Name} has no variation sample: its FNF head cannot be trained");
        }

        private void Cover(ShapeNuisanceSpec shape, VariationInput v, string key, int flavour, HashSet<string> covered)
        {
            if (flavour >= 0 && !shape.Flavours.Contains(v.Flavour))
                Problem(key, $"{shape.Name} does not affect flavour {v.Flavour} (it affects {string.Join(", ", shape.Flavours)})", v.File);
            else covered.Add(shape.Name);
        }

        private void CheckData()
        {
            if (manifest.Data is not { Count: > 0 })
            {
                Problem("data", "no data file");
                return;
            }
            for (int i = 0; i < manifest.Data.Count; i++) Read($"data[{i}]", manifest.Data[i]);
        }

        private void CheckTruth()
        {
            foreach (var (name, value) in manifest.Truth ?? new Dictionary<string, double>())
            {
                if (!spec.ShapeNuisances.Any(s => s.Name == name) && !spec.RateNuisances.Any(r => r.Name == name) && !spec.Pois.Any(p => p.Name == name))
                    Problem($"truth.{name}", $"'{name}' is not a declared nuisance or parameter of interest");
                else if (!double.IsFinite(value)) Problem($"truth.{name}", "a true value must be finite");
            }
        }

        /// <summary>Reads a file once (a file listed twice is read once) and checks its columns and values.</summary>
        private void Read(string key, string file)
        {
            if (tables.ContainsKey(file)) return;
            string path = Path.Combine(folder, file);
            if (!File.Exists(path))
            {
                Problem(key, "file not found", file);
                return;
            }
            EventTable table;
            try
            {
                table = TableFile.Read(path);
            }
            catch (DataFileException e)
            {
                problems.Add(new InputProblem(key, Detail(e), file, e.Column, e.Row));
                return;
            }
            bool ok = true;
            foreach (var variable in Variables)
            {
                string column = ColumnOf(manifest, variable);
                if (!table.HasColumn(column))
                {
                    Problem(key, $"missing column '{column}' of {variable.Role.ToString().ToLowerInvariant()} {variable.Name} (the file has: {string.Join(", ", table.ColumnNames)})", file, column);
                    ok = false;
                    continue;
                }
                CheckRange(key, file, column, variable, table.Column(column).ToDoubles());
            }
            if (manifest.Weight is { } weight)
            {
                if (!table.HasColumn(weight))
                {
                    Problem(key, $"missing weight column '{weight}'", file, weight);
                    ok = false;
                }
                else
                {
                    var w = table.Column(weight).ToDoubles();
                    int bad = Array.FindIndex(w, v => v < 0);
                    if (bad >= 0) Problem(key, $"negative weight {w[bad].ToString(CultureInfo.InvariantCulture)}", file, weight, bad + 1);
                }
            }
            if (ok) tables[file] = table;
        }

        private void CheckRange(string key, string file, string column, VariableSpec variable, double[] values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (variable.Min is { } min && values[i] < min)
                {
                    Problem(key, $"{variable.Name} = {values[i].ToString(CultureInfo.InvariantCulture)} is below its declared Min = {min.ToString(CultureInfo.InvariantCulture)}", file, column, i + 1);
                    return;
                }
                if (variable.Max is { } max && values[i] > max)
                {
                    Problem(key, $"{variable.Name} = {values[i].ToString(CultureInfo.InvariantCulture)} is above its declared Max = {max.ToString(CultureInfo.InvariantCulture)}", file, column, i + 1);
                    return;
                }
            }
        }

        private IEnumerable<VariableSpec> Variables => spec.Kinematics.Concat(spec.Features);

        private string FlavourList => string.Join(", ", spec.Flavours.Select(f => f.Name));

        private void Problem(string key, string message, string? file = null, string? column = null, long? row = null) =>
            problems.Add(new InputProblem(key, message, file, column, row));

        // DataFileException's message repeats the file and location; the problem names them already.
        private static string Detail(DataFileException e) => e.Detail;
    }
}
