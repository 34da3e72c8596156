using System.Text;
using System.Text.Json;

namespace FnfDsl.IO;

/// <summary>The JSON file format of <see cref="ModelMetadata"/>: explicit camelCase fields, indented, UTF-8.</summary>
internal static class ModelMetadataJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    // The file's shape, kept apart from the public record so that the format is explicit and stable.
    private sealed class FileShape
    {
        public string? Kind { get; set; }
        public SortedDictionary<string, string>? Architecture { get; set; }
        public SortedDictionary<string, string>? Sizes { get; set; }
        public string? LibraryVersion { get; set; }
        public string? Fingerprint { get; set; }
        public string? ContentHash { get; set; }
        public DateTime CreatedUtc { get; set; }
    }

    public static byte[] Serialize(ModelMetadata metadata)
    {
        var shape = new FileShape
        {
            Kind = metadata.Kind,
            Architecture = new SortedDictionary<string, string>(metadata.Architecture.ToDictionary(), StringComparer.Ordinal),
            Sizes = new SortedDictionary<string, string>(metadata.Sizes.ToDictionary(), StringComparer.Ordinal),
            LibraryVersion = metadata.LibraryVersion,
            Fingerprint = metadata.Fingerprint,
            ContentHash = metadata.ContentHash,
            CreatedUtc = metadata.CreatedUtc,
        };
        return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(shape, Options));
    }

    public static ModelMetadata Read(string metadataPath)
    {
        FileShape? shape;
        try
        {
            shape = JsonSerializer.Deserialize<FileShape>(File.ReadAllText(metadataPath), Options);
        }
        catch (JsonException e)
        {
            throw new ModelFileException(metadataPath, $"not valid model metadata JSON: {e.Message}", e);
        }
        if (shape is null) throw new ModelFileException(metadataPath, "not valid model metadata JSON: the document is null");
        if (string.IsNullOrWhiteSpace(shape.Kind)) throw new ModelFileException(metadataPath, "invalid model metadata: 'kind' is missing");
        return new ModelMetadata(shape.Kind, shape.Architecture ?? new SortedDictionary<string, string>(), shape.Fingerprint)
        {
            // Files written before run sizes were recorded have none: a loader expecting sizes refuses them by name.
            Sizes = shape.Sizes ?? new SortedDictionary<string, string>(),
            LibraryVersion = shape.LibraryVersion ?? "unknown",
            ContentHash = shape.ContentHash,
            CreatedUtc = DateTime.SpecifyKind(shape.CreatedUtc, DateTimeKind.Utc),
        };
    }
}
