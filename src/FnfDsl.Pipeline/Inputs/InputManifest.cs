using System.Text.Json;
using System.Text.Json.Serialization;

namespace FnfDsl.Pipeline.Inputs;

/// <summary>
/// The input manifest of a run (docs/inputs.md, schema docs/inputs.schema.json): per flavour its nominal simulation
/// files and expected yield, the variation files with their flavour and nuisance values, the data files, an optional
/// per-event weight column and a column mapping. File paths are relative to the manifest's folder.
/// </summary>
/// <param name="Flavours">Per declared flavour: nominal files and optional expected data yield.</param>
/// <param name="Variations">Variation samples of the shape nuisances.</param>
/// <param name="Data">The data files, concatenated in order.</param>
/// <param name="Weight">Optional column of per-event weights, in every file that has it declared.</param>
/// <param name="Columns">Declared variable name to file column, where the files' columns differ from the declaration's <c>Column</c>.</param>
/// <param name="Truth">Optional known true nuisance (and POI) values (pseudo-data studies): shown in scans and results, never used by a fit.</param>
public sealed record InputManifest(
    IReadOnlyDictionary<string, FlavourInputs>? Flavours,
    IReadOnlyList<VariationInput>? Variations,
    IReadOnlyList<string>? Data,
    string? Weight = null,
    IReadOnlyDictionary<string, string>? Columns = null,
    IReadOnlyDictionary<string, double>? Truth = null)
{
    /// <summary>The conventional file name of a manifest written by a generator stage.</summary>
    public const string FileName = "inputs.json";

    /// <summary>JSON options of manifests: camelCase, comments and trailing commas allowed, unknown members refused.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Writes the manifest to <paramref name="path"/> atomically.</summary>
    public void Write(string path) => FnfDsl.IO.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));
}

/// <summary>The simulation of one flavour.</summary>
/// <param name="Nominal">Nominal simulation files (at nu = 0).</param>
/// <param name="Yield">Expected data events of this flavour; null: the declaration's <c>Yield</c>.</param>
public sealed record FlavourInputs(IReadOnlyList<string>? Nominal, double? Yield = null);

/// <summary>A variation sample: simulation of one flavour generated at shifted shape nuisances.</summary>
/// <param name="File">The sample's file.</param>
/// <param name="Flavour">The flavour it simulates.</param>
/// <param name="Nuisances">Shape nuisance values it was generated at (others 0), e.g. { "VariationX": 1 }.</param>
/// <param name="Variation">Instead of <paramref name="Nuisances"/>: a declared Up/Down label (e.g. "VariationXUp"), meaning +1 or -1.</param>
public sealed record VariationInput(string File, string Flavour, IReadOnlyDictionary<string, double>? Nuisances = null, string? Variation = null);
