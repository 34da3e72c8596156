using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using FnfDsl.Generators.Model;

namespace FnfDsl.Generators;

/// <summary>
/// The stable identity of a declaration: SHA-256 (lower-case hex) of a canonical text of everything that
/// shapes the model and its likelihood. Saved models carry it; loading a model into a changed declaration fails.
/// </summary>
/// <remarks>
/// The canonical text is versioned and independent of the emitter's layout, so re-formatting the generated
/// code never invalidates saved models. Numbers are written with invariant culture, doubles round-trip ("R").
/// </remarks>
internal static class Fingerprint
{
    /// <summary>The first line of the canonical text; bump it when the text's grammar changes.</summary>
    public const string Version = "fnfdsl-analysis v2"; // v2: shape nuisances lost their width (nu is always in prior widths)

    /// <summary>The fingerprint of a model.</summary>
    public static string Compute(AnalysisModel model)
    {
        using var sha = SHA256.Create();
        byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(CanonicalText(model)));
        var hex = new StringBuilder(hash.Length * 2);
        foreach (byte b in hash)
            hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        return hex.ToString();
    }

    /// <summary>One line per declaration, in the model's (semantic) order, "\n"-separated.</summary>
    public static string CanonicalText(AnalysisModel model)
    {
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');

        Line(Version);
        Line($"analysis {model.ClassName}");
        Line($"likelihood {model.Mode}");
        foreach (var f in model.Flavours)
            Line($"flavour {f.Name} yield={Number(f.Yield)} signal={(f.IsSignal ? "true" : "false")}");
        foreach (var v in model.Variables)
            Line($"{(v.Role == VariableRole.Kinematic ? "kinematic" : "feature")} {v.Name} column={v.Column} min={Number(v.Min)} max={Number(v.Max)} type={(v.IsDouble ? "double" : "float")}");
        foreach (var s in model.ShapeNuisances)
            Line($"shape {s.Name} prior={s.Prior} flavours={List(s.Flavours)} moves={List(s.Moves)} hidden={List(s.Hidden)} up={s.Up} down={s.Down}");
        foreach (var r in model.RateNuisances)
            Line($"rate {r.Name} flavour={r.Flavour} base-down={Number(RateBases.Down(r))} base-up={Number(RateBases.Up(r))} prior={r.Prior}");
        foreach (var p in model.Pois)
            Line($"poi {p.Name} scales={List(p.Scales)} initial={Number(p.Initial)} min={Number(p.Min)} max={Number(p.Max)}");
        if (model.Doi is { } doi)
            Line($"doi {doi.Name} of={List(doi.Of)} given={List(doi.Given)} {Sizes(doi.Sizes)}");
        Line($"feature-flow {Sizes(model.FeatureFlow)}");
        Line($"kinematic-flow {Sizes(model.KinematicFlow)}");
        return text.ToString();
    }

    private static string Sizes(FlowSizesModel sizes) => $"layers={sizes.Layers} bins={sizes.Bins} hidden={List(sizes.Hidden)}";

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "none";

    private static string List(EquatableArray<string> items) => string.Join(",", items);

    private static string List(EquatableArray<int> items) => string.Join(",", items.Select(i => i.ToString(CultureInfo.InvariantCulture)));
}
