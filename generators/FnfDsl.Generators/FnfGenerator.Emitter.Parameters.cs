using System.Collections.Generic;
using System.Linq;
using FnfDsl.Generators.Model;

namespace FnfDsl.Generators;

public sealed partial class FnfGenerator
{
    internal static partial class Emitter
    {
        // ---- Parameters: the profiler's vector p = (POIs, nuisances), typed and named ----

        private static void WriteParameters(SourceWriter w, AnalysisModel model)
        {
            var names = ParameterNames(model);
            string access = model.Accessibility;

            w.Line($"/// <summary>The parameters {Vector(model)} of {model.ClassName}'s likelihood by name; each value is the parameter's index in p.</summary>");
            w.Open($"{access} enum ParameterId");
            for (int i = 0; i < names.Count; i++)
            {
                if (i > 0)
                    w.Line();
                w.Line($"/// <summary>The {Role(model, names[i])} {names[i]}.</summary>");
                w.Line($"{names[i]} = {i},");
            }
            w.Close();

            w.Line();
            w.Line($"/// <summary>A point {Vector(model)} of {model.ClassName}'s likelihood: what the profiler fits, scans and differentiates.</summary>");
            w.Open($"{access} readonly struct Parameters");
            w.Line(model.DeclaresPois ? "/// <summary>The number of parameters: POIs, then nuisances.</summary>" : "/// <summary>The number of parameters: the nuisances.</summary>");
            w.Line($"public const int Count = {names.Count};");

            w.Line();
            w.Line("/// <summary>A point from its parts.</summary>");
            w.Open($"public Parameters({(model.DeclaresPois ? "Pois pois, " : string.Empty)}Nuisances nuisances)");
            if (model.DeclaresPois)
                w.Line("Pois = pois;");
            w.Line("Nuisances = nuisances;");
            w.Close();

            if (model.DeclaresPois)
            {
                w.Line();
                w.Line("/// <summary>The parameters of interest theta.</summary>");
                w.Line("public Pois Pois { get; }");
            }
            w.Line();
            w.Line("/// <summary>The nuisance parameters nu.</summary>");
            w.Line("public Nuisances Nuisances { get; }");

            w.Line();
            w.Line(model.DeclaresPois
                ? "/// <summary>The default start of a fit: POIs at their initial values, nuisances nominal.</summary>"
                : "/// <summary>The default start of a fit: every nuisance nominal.</summary>");
            w.Line($"public static Parameters Initial => new Parameters({(model.DeclaresPois ? "Pois.Initial, " : string.Empty)}Nuisances.Nominal);");
            WriteList(w, "string", "Names", "The parameters' names, in p order.", names.Select(Literal));

            w.Line();
            w.Line("/// <summary>The value of one parameter.</summary>");
            w.Line($"/// <exception cref=\"global::System.ArgumentOutOfRangeException\">Not a parameter of {model.ClassName}.</exception>");
            w.Line("public double this[ParameterId parameter] => parameter switch");
            w.Line("{");
            w.Indented(i =>
            {
                foreach (var name in names)
                    i.Line($"ParameterId.{name} => {Access(model, name)},");
                i.Line($"_ => throw new global::System.ArgumentOutOfRangeException(nameof(parameter), parameter, \"Not a parameter of {model.ClassName}.\"),");
            });
            w.Line("};");

            w.Line();
            w.Line("/// <summary>This point with one parameter set to <paramref name=\"value\"/>.</summary>");
            w.Line($"/// <exception cref=\"global::System.ArgumentOutOfRangeException\">Not a parameter of {model.ClassName}.</exception>");
            w.Open("public Parameters With(ParameterId parameter, double value)");
            w.Line("if ((int)parameter < 0 || (int)parameter >= Count)");
            w.Indented(i => i.Line($"throw new global::System.ArgumentOutOfRangeException(nameof(parameter), parameter, \"Not a parameter of {model.ClassName}.\");"));
            w.Line("double[] values = ToArray();");
            w.Line("values[(int)parameter] = value;");
            w.Line("return FromArray(values);");
            w.Close();

            w.Line();
            w.Line("/// <summary>The values in p order, as the runtime's profiler takes them.</summary>");
            w.Line(names.Count == 0
                ? "public double[] ToArray() => global::System.Array.Empty<double>();"
                : $"public double[] ToArray() => new[] {{ {string.Join(", ", names.Select(n => Access(model, n)))} }};");

            w.Line();
            w.Line("/// <summary>A point from values in p order.</summary>");
            w.Line($"/// <exception cref=\"{ArgumentException}\">The span does not hold exactly <see cref=\"Count\"/> values.</exception>");
            w.Open($"public static Parameters FromArray({Span}<double> values)");
            w.Line("if (values.Length != Count)");
            w.Indented(i => i.Line($"throw new {ArgumentException}($\"Expected {{Count}} parameter values ({string.Join(", ", names)}), got {{values.Length}}.\", nameof(values));"));
            int p = model.Pois.Count, k = names.Count - p;
            string pois = p == 0 ? "default(Pois)" : $"new Pois({string.Join(", ", Enumerable.Range(0, p).Select(i => $"values[{i}]"))})";
            string nuisances = k == 0 ? "default(Nuisances)" : $"new Nuisances({string.Join(", ", Enumerable.Range(p, k).Select(i => $"values[{i}]"))})";
            w.Line($"return new Parameters({(model.DeclaresPois ? pois + ", " : string.Empty)}{nuisances});");
            w.Close();

            w.Line();
            w.Line("/// <inheritdoc />");
            w.Line(names.Count == 0
                ? "public override string ToString() => string.Empty;"
                : $"public override string ToString() => global::System.FormattableString.Invariant($\"{string.Join(", ", names.Select(n => $"{n} = {{{Access(model, n)}}}"))}\");");
            w.Close();
        }

        // The profiler's vector in the doc comments: POIs are named only when the analysis declares them.
        private static string Vector(AnalysisModel model) => model.DeclaresPois ? "p = (POIs, nuisances)" : "p = nu";

        // How a Parameters value reads one of its parameters.
        private static string Access(AnalysisModel model, string name) =>
            model.Pois.Any(p => p.Name == name) ? $"Pois.{name}" : $"Nuisances.{name}";

        private static string Role(AnalysisModel model, string name) =>
            model.Pois.Any(p => p.Name == name) ? "parameter of interest"
            : model.ShapeNuisances.Any(s => s.Name == name) ? "shape nuisance"
            : "rate nuisance";
    }
}
