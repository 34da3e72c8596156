using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FnfDsl.Generators;

/// <summary>Reports the shape rules of analysis declarations (FNF00xx), which need no generation to check.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FnfAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.AnalysisNotPartial,
        DiagnosticDescriptors.ContainingTypeNotPartial,
        DiagnosticDescriptors.AnalysisGeneric,
        DiagnosticDescriptors.DeclarationNotPartialStruct,
        DiagnosticDescriptors.FlavourNotEnum,
        DiagnosticDescriptors.UnsupportedVariableType,
        DiagnosticDescriptors.ParameterNotDouble,
        DiagnosticDescriptors.MissingRole,
        DiagnosticDescriptors.ConflictingRoles,
        DiagnosticDescriptors.FlavourExplicitValue);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var analysisAttribute = start.Compilation.GetTypeByMetadataName(MetadataNames.Analysis);
            if (analysisAttribute is null)
                return;
            start.RegisterSymbolAction(symbolContext =>
            {
                var type = (INamedTypeSymbol)symbolContext.Symbol;
                if (!HasAttribute(type, analysisAttribute))
                    return;
                foreach (var diagnostic in AnalysisStructure.Check(type, symbolContext.CancellationToken))
                    symbolContext.ReportDiagnostic(diagnostic);
            }, SymbolKind.NamedType);
        });
    }

    private static bool HasAttribute(INamedTypeSymbol type, INamedTypeSymbol attribute)
    {
        foreach (var data in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
                return true;
        }
        return false;
    }
}
