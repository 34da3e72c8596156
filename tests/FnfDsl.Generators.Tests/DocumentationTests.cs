using System.Collections;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Text.RegularExpressions;

namespace FnfDsl.Generators.Tests;

/// <summary>
/// docs/dsl.md, AnalyzerReleases.Unshipped.md and the diagnostic tests keep up with the code: every diagnostic id has one
/// documented row whose example is a real message, a release entry, and a test; every attribute property and default is documented.
/// </summary>
public sealed class DocumentationTests
{
    private static readonly string Root = RepositoryRoot();
    private static readonly string Dsl = File.ReadAllText(Path.Combine(Root, "docs", "dsl.md"));

    [Fact]
    public void EveryDiagnosticHasOneDocumentedRowWithARealExampleMessage()
    {
        var rows = TableRows(Dsl).Where(cells => Regex.IsMatch(cells[0], "^FNF[0-9]{4}$")).ToList();

        Assert.Equal(DiagnosticDescriptors.All.Select(d => d.Id).Order(StringComparer.Ordinal), rows.Select(r => r[0]));
        foreach (var row in rows)
        {
            var descriptor = DiagnosticDescriptors.ById(row[0]);
            Assert.Equal(3, row.Length);
            string example = row[2].Trim('`');
            Assert.Matches(FormatPattern(descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture)), example);
        }
    }

    [Fact]
    public void EveryDiagnosticIsInTheReleaseNotesWithItsTitle()
    {
        // Release-tracking rows have no outer pipes: "FNF0001 | FnfDsl | Error | title".
        var rows = File.ReadAllLines(Path.Combine(Root, "generators", "FnfDsl.Generators", "AnalyzerReleases.Unshipped.md"))
            .Where(line => line.StartsWith("FNF", StringComparison.Ordinal))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray()).ToList();

        Assert.Equal(
            DiagnosticDescriptors.All.Select(d => $"{d.Id}|{d.Category}|{d.DefaultSeverity}|{d.Title}").Order(StringComparer.Ordinal),
            rows.Select(r => string.Join("|", r)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryDiagnosticHasItsOwnTest()
    {
        // Analyzer ids (FNF00xx) are tested with the analyzer, generator ids (FNF01xx) with the generator.
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            var tests = descriptor.Id.StartsWith("FNF00", StringComparison.Ordinal) ? typeof(AnalyzerDiagnosticTests) : typeof(GeneratorDiagnosticTests);
            Assert.True(
                tests.GetMethods().Any(m => m.Name.StartsWith(descriptor.Id + "_", StringComparison.Ordinal) && m.GetCustomAttribute<FactAttribute>() is not null),
                $"{tests.Name} has no test named {descriptor.Id}_...");
        }
    }

    [Fact]
    public void EveryAttributePropertyAndDefaultIsDocumented()
    {
        var attributes = typeof(FnfDsl.AnalysisAttribute).Assembly.GetExportedTypes().Where(t => typeof(Attribute).IsAssignableFrom(t)).ToList();
        var rows = TableRows(Dsl).Where(r => r.Length == 3 && !r[0].StartsWith("FNF", StringComparison.Ordinal)).ToList();

        Assert.Equal(10, attributes.Count);
        foreach (var type in attributes)
        {
            string name = type.Name[..^"Attribute".Length];
            var row = rows.SingleOrDefault(r => (r[1].Contains($"[{name}]", StringComparison.Ordinal) || r[1].Contains($"[{name}(", StringComparison.Ordinal)));
            Assert.True(row is not null, $"docs/dsl.md has no declaration row for [{name}]");
            string documented = row![2];

            var (instance, required) = Instantiate(type);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.DeclaringType == type))
            {
                Assert.True(documented.Contains($"`{property.Name}`", StringComparison.OrdinalIgnoreCase), $"[{name}] row does not name {property.Name}");
                if (!required.Contains(property.Name, StringComparer.OrdinalIgnoreCase) && DefaultText(property.GetValue(instance)) is { } value)
                    Assert.True(documented.Contains($"`{property.Name}` ({value}", StringComparison.OrdinalIgnoreCase), $"[{name}] row does not give {property.Name}'s default {value}");
            }
        }
    }

    // How docs/dsl.md writes a default; null for the ones documented in words (unbounded, required, the field's name).
    private static string? DefaultText(object? value) => value switch
    {
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => $"`{e}`",
        string s => $"\"{s}\"",
        IEnumerable items when items.Cast<object>().Any() => "[" + string.Join(", ", items.Cast<object>().Select(DefaultText)) + "]",
        _ => null,
    };

    // An attribute as an analyst writing it bare would get it (optional constructor arguments at their defaults),
    // and the names of its required constructor arguments, which have no default to document.
    private static (object Instance, string[] Required) Instantiate(Type type)
    {
        var constructor = type.GetConstructors().Single();
        var parameters = constructor.GetParameters();
        var arguments = parameters.Select(p => p.HasDefaultValue ? p.DefaultValue : p.ParameterType == typeof(string) ? "A" : throw new InvalidOperationException(p.Name)).ToArray();
        return (constructor.Invoke(arguments), parameters.Where(p => !p.HasDefaultValue).Select(p => p.Name!).ToArray());
    }

    // A message format as a pattern: each {n} stands for some text.
    private static string FormatPattern(string format) =>
        "^" + string.Concat(Regex.Split(format, @"\{[0-9]+\}").Select(Regex.Escape).Zip(Enumerable.Repeat(".+", 100).Prepend(string.Empty), (literal, hole) => hole + literal)) + "$";

    // The cells of every Markdown table row (escaped pipes kept as text).
    private static IEnumerable<string[]> TableRows(string markdown) =>
        markdown.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith('|') && line.EndsWith('|') && !line.StartsWith("| ---", StringComparison.Ordinal) && !line.StartsWith("|---", StringComparison.Ordinal))
            .Select(line => Regex.Split(line[1..^1], @"(?<!\\)\|").Select(cell => cell.Trim().Replace("\\|", "|")).ToArray());

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FnfDsl.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No FnfDsl.sln above {AppContext.BaseDirectory}.");
    }
}
