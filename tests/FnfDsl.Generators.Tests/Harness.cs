using System.Collections.Immutable;
using System.IO;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Snapshooter;

namespace FnfDsl.Generators.Tests;

/// <summary>Builds in-test compilations of analysis declarations and runs the generator and analyzer on them.</summary>
internal static class Harness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    // Everything the test process can load: the BCL, FnfDsl.Runtime, FnfDsl.Attributes, FnfDsl.Pipeline, TorchSharp:
    // what a project that references the FnfDsl.Pipeline package compiles against.
    public static readonly ImmutableArray<MetadataReference> References =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(typeof(FnfDsl.AnalysisAttribute).Assembly.Location)
            .Append(typeof(FnfDsl.Analysis.AnalysisSpec).Assembly.Location)
            .Append(typeof(FnfDsl.Pipeline.AnalysisPipeline).Assembly.Location)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();

    // The same without the pipeline library: a project that references only the FnfDsl package.
    public static readonly ImmutableArray<MetadataReference> RuntimeOnlyReferences =
        References.Where(r => !string.Equals(Path.GetFileName(r.Display), "FnfDsl.Pipeline.dll", StringComparison.OrdinalIgnoreCase)).ToImmutableArray();

    // The .NET SDK's default NoWarn: CS1701/CS1702 only say that TorchSharp (built against .NET 8) binds to the newer framework.
    private static readonly ImmutableDictionary<string, ReportDiagnostic> SdkNoWarn =
        ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("CS1701", ReportDiagnostic.Suppress).Add("CS1702", ReportDiagnostic.Suppress);

    /// <summary>A library compilation of the given sources, nullable enabled, every warning on (except the SDK's default NoWarn).</summary>
    public static CSharpCompilation Compile(params string[] sources) => Compile(References, sources);

    /// <summary>As <see cref="Compile(string[])"/>, against <paramref name="references"/>.</summary>
    public static CSharpCompilation Compile(ImmutableArray<MetadataReference> references, params string[] sources) =>
        CSharpCompilation.Create(
            "Analysis",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Declaration{i}.cs")),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999,
                specificDiagnosticOptions: SdkNoWarn));

    /// <summary>A generator driver that records every tracked step.</summary>
    public static GeneratorDriver Driver() =>
        CSharpGeneratorDriver.Create(
            new[] { new FnfGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once: its result, and the compilation with the generated sources added.</summary>
    public static (GeneratorRunResult Result, Compilation Output) Generate(string source, bool withPipeline = true)
    {
        var driver = Driver().RunGeneratorsAndUpdateCompilation(Compile(withPipeline ? References : RuntimeOnlyReferences, source), out var output, out _);
        return (driver.GetRunResult().Results.Single(), output);
    }

    /// <summary>Compiles the sources with the generated code, loads the assembly and returns the named type (e.g. a probe calling generated members).</summary>
    public static Type CompileAndLoad(string typeName, params string[] sources)
    {
        Driver().RunGeneratorsAndUpdateCompilation(Compile(sources), out var output, out _);
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return System.Reflection.Assembly.Load(image.ToArray()).GetType(typeName, throwOnError: true)!;
    }

    /// <summary>Warnings and errors of the compiler and of the FnfDsl analyzer on a compilation.</summary>
    public static async Task<ImmutableArray<Diagnostic>> WarningsAndErrors(Compilation compilation)
    {
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new FnfAnalyzer());
        var all = await compilation.WithAnalyzers(analyzers).GetAllDiagnosticsAsync();
        return all.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
    }

    /// <summary>
    /// The snapshot of one generated file: <c>__snapshots__/&lt;TestClass&gt;.&lt;TestName&gt;.&lt;hint name&gt;.snap</c> beside the
    /// test source. Class, test and hint name are what Verify would use too, so a switch to it keeps the names.
    /// </summary>
    public static SnapshotFullName SnapshotName(string testClass, string testName, string hintName, [CallerFilePath] string testFile = "") =>
        new($"{testClass}.{testName}.{hintName}.snap", Path.GetDirectoryName(testFile)!); // Snapshooter appends __snapshots__
}
