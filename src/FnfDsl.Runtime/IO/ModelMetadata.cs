using System.Collections;
using System.Globalization;
using System.Reflection;

namespace FnfDsl.IO;

/// <summary>What a saved model is: kind, architecture, run sizes, library version, declaration fingerprint, weights hash, time.</summary>
/// <remarks>
/// Stored beside the weights as <c>&lt;weights&gt;.json</c>. A loader compares Kind, every Architecture entry, the
/// Fingerprint and every Sizes entry with the model it is loading into, and the ContentHash with the weights file, before loading.
/// </remarks>
public sealed record ModelMetadata
{
    private readonly IReadOnlyDictionary<string, string> _architecture = new SortedDictionary<string, string>(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _sizes = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Metadata of a model of the given kind and architecture, optionally tied to a declaration fingerprint.</summary>
    public ModelMetadata(string kind, IReadOnlyDictionary<string, string>? architecture = null, string? fingerprint = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        Kind = kind;
        if (architecture is not null) Architecture = architecture;
        Fingerprint = fingerprint;
    }

    /// <summary>What the module is, e.g. "ConditionalFlow", "FnfHeads", "Doi".</summary>
    public string Kind { get; init; }

    /// <summary>Sizes and settings that fix the parameter shapes (layers, bins, hidden, dims, dtype...), sorted by key (ordinal).</summary>
    public IReadOnlyDictionary<string, string> Architecture
    {
        get => _architecture;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _architecture = new SortedDictionary<string, string>(value.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        }
    }

    /// <summary>The run's sizes the model was trained at (yields, network sizes; see <see cref="FnfDsl.Analysis.RunSizes"/>), sorted by key; a loader requires the same.</summary>
    public IReadOnlyDictionary<string, string> Sizes
    {
        get => _sizes;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _sizes = new SortedDictionary<string, string>(value.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        }
    }

    /// <summary>Informational version of the FnfDsl runtime that wrote the file.</summary>
    public string LibraryVersion { get; init; } = CurrentLibraryVersion;

    /// <summary>Fingerprint of the analysis declaration the model was trained for, if any.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>SHA-256 of the weights file, lower-case hex; filled in by <see cref="ModelStore.Save"/>.</summary>
    public string? ContentHash { get; init; }

    /// <summary>When the model was saved (UTC).</summary>
    public DateTime CreatedUtc { get; init; } = DateTime.UtcNow;

    /// <summary>The informational version of this FnfDsl runtime assembly.</summary>
    public static string CurrentLibraryVersion { get; } =
        typeof(ModelMetadata).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ModelMetadata).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>Value equality, comparing the Architecture entries rather than the dictionary instances.</summary>
    public bool Equals(ModelMetadata? other) =>
        other is not null &&
        Kind == other.Kind &&
        Architecture.Count == other.Architecture.Count &&
        Architecture.All(p => other.Architecture.TryGetValue(p.Key, out var v) && v == p.Value) &&
        Sizes.Count == other.Sizes.Count &&
        Sizes.All(p => other.Sizes.TryGetValue(p.Key, out var v) && v == p.Value) &&
        LibraryVersion == other.LibraryVersion &&
        Fingerprint == other.Fingerprint &&
        ContentHash == other.ContentHash &&
        CreatedUtc == other.CreatedUtc;

    /// <summary>A hash consistent with <see cref="Equals(ModelMetadata?)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Kind, Architecture.Count, Fingerprint, ContentHash, CreatedUtc);

    /// <summary>An architecture dictionary from key/value pairs, values in invariant culture; sequences are joined by "x" (hidden [128, 128] gives "128x128").</summary>
    public static IReadOnlyDictionary<string, string> ArchitectureOf(params (string Key, object Value)[] entries)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(key);
            if (!result.TryAdd(key, Format(value))) throw new ArgumentException($"Architecture key '{key}' appears twice.", nameof(entries));
        }
        return result;
    }

    private static string Format(object value) => value switch
    {
        null => "null",
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IEnumerable sequence => string.Join("x", sequence.Cast<object>().Select(Format)),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
