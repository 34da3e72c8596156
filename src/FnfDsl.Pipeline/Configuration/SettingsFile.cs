using System.Text.Json;
using System.Text.Json.Nodes;
using FnfDsl.Pipeline.Output;

namespace FnfDsl.Pipeline.Configuration;

/// <summary>
/// A JSON settings file that overrides parts of a preset, e.g. <c>{ "nominalTraining": { "epochs": 60 } }</c>: objects are
/// merged member by member into the preset, any other value replaces it; names are those of results.json's "settings".
/// </summary>
public static class SettingsFile
{
    /// <summary>The settings of <paramref name="preset"/> overridden by the file <paramref name="path"/>; a bad file is an <see cref="InvalidDataException"/> naming it and the member.</summary>
    public static RunSettings Apply(RunSettings preset, string path)
    {
        ArgumentNullException.ThrowIfNull(preset);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: settings file not found.", path);
        JsonNode? overrides;
        try
        {
            overrides = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }
        if (overrides is not JsonObject changes) throw new InvalidDataException($"{path}: the settings must be a JSON object.");
        var merged = JsonSerializer.SerializeToNode(preset, ArtifactJson.Options)!.AsObject();
        if (!changes.ContainsKey("mode")) merged["mode"] = "custom";
        Merge(merged, changes, path, "");
        try
        {
            return merged.Deserialize<RunSettings>(ArtifactJson.Options) ?? throw new InvalidDataException($"{path}: the settings are null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {e.Path}: {e.Message}", e);
        }
    }

    private static void Merge(JsonObject target, JsonObject changes, string path, string prefix)
    {
        foreach (var (name, value) in changes.ToList())
        {
            if (!target.ContainsKey(name))
                throw new InvalidDataException($"{path}: unknown setting '{prefix}{name}' (known here: {string.Join(", ", target.Select(p => p.Key))}).");
            if (value is JsonObject inner && target[name] is JsonObject existing) Merge(existing, inner, path, $"{prefix}{name}.");
            else target[name] = value?.DeepClone();
        }
    }
}
