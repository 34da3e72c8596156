using System.Globalization;
using FnfDsl.Testing.Toy;

namespace ToyFnf.Toy;

/// <summary>Parses the --inject value "nu_x=1,nu_y=-0.5" into toy nuisance values.</summary>
public static class InjectionParser
{
    /// <summary>Accepted names (case-insensitive) and the toy nuisance each one means.</summary>
    public static IReadOnlyDictionary<string, string> Aliases { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["nu_x"] = ToyNuisances.VariationXName,
        ["nu_y"] = ToyNuisances.VariationYName,
        [ToyNuisances.VariationXName] = ToyNuisances.VariationXName,
        [ToyNuisances.VariationYName] = ToyNuisances.VariationYName,
        [ToyNuisances.NormAName] = ToyNuisances.NormAName,
        [ToyNuisances.NormBName] = ToyNuisances.NormBName,
    };

    /// <summary>Name to value, keyed by the toy's nuisance names and sorted; a malformed entry throws a <see cref="FormatException"/> naming it.</summary>
    public static SortedDictionary<string, double> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (text.Trim().Length == 0) return values;
        foreach (string raw in text.Split(','))
        {
            string entry = raw.Trim();
            int equals = entry.IndexOf('=');
            if (equals < 0) throw Error(entry, "expected name=value, e.g. nu_x=1");
            string name = entry[..equals].Trim();
            string valueText = entry[(equals + 1)..].Trim();
            if (!Aliases.TryGetValue(name, out string? nuisance))
                throw Error(entry, $"unknown nuisance '{name}'; use one of {string.Join(", ", Aliases.Keys)}");
            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                throw Error(entry, $"'{valueText}' is not a finite number");
            if (!values.TryAdd(nuisance, value)) throw Error(entry, $"{nuisance} is given twice");
        }
        return values;
    }

    private static FormatException Error(string entry, string problem) => new($"--inject entry '{entry}': {problem}.");
}
