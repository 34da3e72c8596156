using System.Text.Json;
using System.Text.Json.Serialization;
using FnfDsl.Tables;

namespace FnfDsl.Pipeline.Output;

/// <summary>The one JSON format of every ToyFnf artifact (stages.json, result sections, results.json): indented, camelCase.</summary>
public static class ArtifactJson
{
    /// <summary>Serializer options: indented, camelCase, enums as names, and infinite interval ends written as "Infinity".</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The JSON text of <paramref name="value"/>.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Writes <paramref name="value"/> to <paramref name="path"/> atomically; creates the folder.</summary>
    public static void Write<T>(string path, T value)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.WriteAllText(path, Serialize(value));
    }

    /// <summary>Reads a <typeparamref name="T"/> from <paramref name="path"/>; a missing or malformed file is an error naming it.</summary>
    public static T Read<T>(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options)
                   ?? throw new InvalidDataException($"{path}: the file holds JSON null, expected a {typeof(T).Name}.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid {typeof(T).Name} ({e.Message}).", e);
        }
    }
}
