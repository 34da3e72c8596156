using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace FnfDsl.Generators.Tests;

/// <summary>The Roslyn testing verifiers, set up for analysis declarations: the test process' own .NET 10 assemblies plus FnfDsl.Attributes and FnfDsl.Runtime.</summary>
internal static class Verifiers
{
    // The generated code targets FnfDsl.Runtime (net10.0), so the compilations need .NET 10. The registry here
    // does not serve the reference pack ReferenceAssemblies.Net.Net100 asks for, so the verifiers get no
    // reference package and the harness' references instead (the loaded .NET 10 runtime): nothing is downloaded.
    private static readonly ReferenceAssemblies Net10 = new("net10.0");

    /// <summary>Runs the generator on a declaration and checks its diagnostics (markup and/or explicit results).</summary>
    public static Task Generator(string source, params DiagnosticResult[] expected)
    {
        var test = new CSharpSourceGeneratorTest<FnfGenerator, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = Net10,
            // The snapshot tests check the generated text; these tests check diagnostics only.
            TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck,
        };
        AddReferences(test.TestState);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Runs the analyzer on a declaration and checks its diagnostics.</summary>
    public static Task Analyzer(string source, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<FnfAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = Net10,
        };
        AddReferences(test.TestState);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static void AddReferences(SolutionState state)
    {
        state.AdditionalReferences.AddRange(Harness.References);
    }
}
