using System.Collections;
using System.Reflection;
using FnfDsl.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FnfDsl.Generators.Tests;

/// <summary>The pipeline caches: unchanged input reuses every step, a real change to the declaration re-runs it, and the model holds no Roslyn objects.</summary>
public sealed class CachingTests
{
    private static readonly string[] TrackedSteps = { TrackingNames.Parse, TrackingNames.Diagnostics, TrackingNames.Models, TrackingNames.HasPipeline, TrackingNames.CliModels };
    private static readonly IncrementalStepRunReason[] CachedOrUnchanged = { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged };

    // The step that adds the generated sources and reports the diagnostics (both RegisterSourceOutput calls).
    private const string SourceOutput = WellKnownGeneratorOutputs.SourceOutput;

    [Fact]
    public void RerunOnClonedCompilationIsCached()
    {
        var reasons = RerunReasons(Harness.Compile(Declarations.Toy), c => c.Clone());

        Assert.NotEmpty(reasons[TrackingNames.Parse]);
        AssertAll(reasons, CachedOrUnchanged);
        Assert.Equal(new[] { IncrementalStepRunReason.Cached }, reasons[TrackingNames.Models]);
        Assert.NotEmpty(reasons[SourceOutput]);
        Assert.All(reasons[SourceOutput], r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void RerunOfAnInvalidDeclarationOnClonedCompilationCachesItsDiagnostics()
    {
        // The toy with a negative kappa: the Diagnostics step has an output (FNF0107) and no model is generated.
        string invalid = Declarations.Toy.Replace("[RateNuisance(nameof(Flavour.A), Kappa = 1.10)]", "[RateNuisance(nameof(Flavour.A), Kappa = -1.10)]");
        Assert.NotEqual(Declarations.Toy, invalid);
        var reasons = RerunReasons(Harness.Compile(invalid), c => c.Clone());

        Assert.NotEmpty(reasons[TrackingNames.Diagnostics]);
        Assert.Empty(reasons[TrackingNames.Models]);
        AssertAll(reasons, CachedOrUnchanged);
        Assert.All(reasons[TrackingNames.Diagnostics], r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void UnrelatedFileIsCached()
    {
        var reasons = RerunReasons(Harness.Compile(Declarations.Toy),
            c => c.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other { public class Unrelated { } }", Harness.ParseOptions)));

        // ForAttributeWithMetadataName re-runs its (semantic) transform on any new compilation; the
        // model it makes is equal, so the step reports Unchanged and everything after it is Cached.
        Assert.NotEmpty(reasons[TrackingNames.Parse]);
        AssertAll(reasons, CachedOrUnchanged);
        Assert.Equal(new[] { IncrementalStepRunReason.Cached }, reasons[TrackingNames.Models]);
        // The new compilation is asked again whether it has the pipeline: the answer is equal, so the Cli stays cached.
        Assert.Equal(new[] { IncrementalStepRunReason.Unchanged }, reasons[TrackingNames.HasPipeline]);
        Assert.Equal(new[] { IncrementalStepRunReason.Cached }, reasons[TrackingNames.CliModels]);
        Assert.All(reasons[SourceOutput], r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void MethodBodyEditIsUnchanged()
    {
        var reasons = RerunReasons(Harness.Compile(Declarations.Toy),
            c => Edit(c, "public static double Luminosity() => 1.0;", "public static double Luminosity() => 138.0;"));

        // The analysis class was re-parsed (its file changed) but produced an equal model: nothing is regenerated.
        Assert.Equal(new[] { IncrementalStepRunReason.Unchanged }, reasons[TrackingNames.Parse]);
        Assert.Equal(new[] { IncrementalStepRunReason.Cached }, reasons[TrackingNames.Models]);
        AssertAll(reasons, CachedOrUnchanged);
        Assert.All(reasons[SourceOutput], r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void NuisanceChangeIsModified()
    {
        var reasons = RerunReasons(Harness.Compile(Declarations.Toy),
            c => Edit(c, "[RateNuisance(nameof(Flavour.B), Kappa = 1.10)]", "[RateNuisance(nameof(Flavour.B), Kappa = 1.25)]"));

        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, reasons[TrackingNames.Parse]);
        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, reasons[TrackingNames.Models]);
        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, reasons[TrackingNames.CliModels]);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons[SourceOutput]);
    }

    [Fact]
    public void ModelHoldsNoRoslynObjects()
    {
        var driver = Harness.Driver().RunGenerators(Harness.Compile(Declarations.Resonance));
        var values = driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.Parse]
            .SelectMany(step => step.Outputs).Select(output => output.Value).ToList();

        Assert.NotEmpty(values);
        Assert.All(values, value => Assert.IsType<Result<AnalysisModel>>(value));
        foreach (var value in values)
            AssertNoRoslynObjects(value, "Result", new HashSet<object>(ReferenceEqualityComparer.Instance));
    }

    [Fact]
    public void ModelTypesDeclareNoRoslynFields()
    {
        // Also by type, so that a field that happens to be null in the samples cannot hide.
        var forbidden = new[] { typeof(Compilation), typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(SemanticModel), typeof(SyntaxTree) };
        var modelTypes = typeof(AnalysisModel).Assembly.GetTypes().Where(t => t.Namespace == typeof(AnalysisModel).Namespace).ToList();

        Assert.Contains(typeof(AnalysisModel), modelTypes);
        foreach (var type in modelTypes)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
                Assert.DoesNotContain(forbidden, f => f.IsAssignableFrom(field.FieldType) || (field.FieldType.IsArray && f.IsAssignableFrom(field.FieldType.GetElementType()!)));
        }
    }

    // Runs the generator on a compilation, then on its edited version; returns the reasons of the outputs of each
    // tracked step, and of the source-output step, on the second run.
    private static Dictionary<string, IncrementalStepRunReason[]> RerunReasons(Compilation compilation, Func<Compilation, Compilation> edit)
    {
        var driver = Harness.Driver().RunGenerators(compilation);
        driver = driver.RunGenerators(edit(compilation));
        var result = driver.GetRunResult().Results.Single();
        var reasons = TrackedSteps.ToDictionary(name => name, name => Reasons(result.TrackedSteps, name));
        reasons[SourceOutput] = Reasons(result.TrackedOutputSteps, SourceOutput);
        return reasons;
    }

    private static IncrementalStepRunReason[] Reasons(System.Collections.Immutable.ImmutableDictionary<string, System.Collections.Immutable.ImmutableArray<IncrementalGeneratorRunStep>> steps, string name) =>
        steps.TryGetValue(name, out var runs) ? runs.SelectMany(run => run.Outputs).Select(o => o.Reason).ToArray() : Array.Empty<IncrementalStepRunReason>();

    private static void AssertAll(Dictionary<string, IncrementalStepRunReason[]> reasons, IncrementalStepRunReason[] allowed)
    {
        foreach (var (step, stepReasons) in reasons)
            Assert.All(stepReasons, r => Assert.True(allowed.Contains(r), $"Step {step} ran with reason {r}"));
    }

    private static Compilation Edit(Compilation compilation, string from, string to)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains(from));
        var edited = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(tree.ToString().Replace(from, to)));
        return compilation.ReplaceSyntaxTree(tree, edited);
    }

    private static void AssertNoRoslynObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
            return;
        if (!value.GetType().IsValueType && !seen.Add(value))
            return;
        Assert.False(value is Compilation or ISymbol or SyntaxNode or Location or SemanticModel or SyntaxTree,
            $"{path} holds a {value.GetType().Name}");
        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (var item in items)
                AssertNoRoslynObjects(item, $"{path}[{i++}]", seen);
        }
        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            AssertNoRoslynObjects(field.GetValue(value), $"{path}.{field.Name}", seen);
    }
}
