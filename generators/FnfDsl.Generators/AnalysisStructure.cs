using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FnfDsl.Generators;

/// <summary>
/// The shape rules of an analysis declaration (partial types, member types, one role per member).
/// The analyzer reports their violations; the parser refuses to generate when there is any, silently,
/// so that each problem is reported once, by the analyzer.
/// </summary>
internal static class AnalysisStructure
{
    /// <summary>Every shape violation of the given [Analysis] class.</summary>
    public static List<Diagnostic> Check(INamedTypeSymbol analysis, CancellationToken cancellationToken)
    {
        var found = new List<Diagnostic>();
        CheckAnalysisType(analysis, found, cancellationToken);
        foreach (var nested in analysis.GetTypeMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (nested.Name)
            {
                case MetadataNames.FlavourType:
                    CheckFlavourEnum(analysis, nested, found, cancellationToken);
                    break;
                case MetadataNames.EventType:
                    if (CheckPartialStruct(analysis, nested, found, cancellationToken))
                        CheckFields(nested, found, VariableRoles, "[Kinematic] or [Feature]", IsFloatOrDouble, DiagnosticDescriptors.UnsupportedVariableType, cancellationToken);
                    break;
                case MetadataNames.NuisancesType:
                    if (CheckPartialStruct(analysis, nested, found, cancellationToken))
                        CheckFields(nested, found, NuisanceRoles, "[ShapeNuisance] or [RateNuisance]", IsDouble, DiagnosticDescriptors.ParameterNotDouble, cancellationToken);
                    break;
                case MetadataNames.PoisType:
                    if (CheckPartialStruct(analysis, nested, found, cancellationToken))
                        CheckFields(nested, found, PoiRoles, "[Poi]", IsDouble, DiagnosticDescriptors.ParameterNotDouble, cancellationToken);
                    break;
            }
        }
        return found;
    }

    private static readonly string[] VariableRoles = { MetadataNames.Kinematic, MetadataNames.Feature };
    private static readonly string[] NuisanceRoles = { MetadataNames.ShapeNuisance, MetadataNames.RateNuisance };
    private static readonly string[] PoiRoles = { MetadataNames.Poi };

    /// <summary>The instance fields an analyst declared in a declaration struct, in declaration order.</summary>
    public static IEnumerable<IFieldSymbol> DeclaredFields(INamedTypeSymbol type) =>
        type.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst && !f.IsImplicitlyDeclared);

    /// <summary>The attribute of the given metadata name on a symbol, if any.</summary>
    public static AttributeData? FindAttribute(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == metadataName);

    private static void CheckAnalysisType(INamedTypeSymbol analysis, List<Diagnostic> found, CancellationToken cancellationToken)
    {
        foreach (var declaration in Declarations<TypeDeclarationSyntax>(analysis, cancellationToken))
        {
            if (!IsPartial(declaration))
                found.Add(Diagnostic.Create(DiagnosticDescriptors.AnalysisNotPartial, declaration.Identifier.GetLocation(), analysis.Name));
        }
        for (var type = analysis; type is not null; type = type.ContainingType)
        {
            if (type.Arity > 0)
                found.Add(Diagnostic.Create(DiagnosticDescriptors.AnalysisGeneric, type.Locations[0], type.Name));
            if (!SymbolEqualityComparer.Default.Equals(type, analysis))
            {
                foreach (var declaration in Declarations<TypeDeclarationSyntax>(type, cancellationToken))
                {
                    if (!IsPartial(declaration))
                        found.Add(Diagnostic.Create(DiagnosticDescriptors.ContainingTypeNotPartial, declaration.Identifier.GetLocation(), type.Name, analysis.Name));
                }
            }
        }
    }

    private static void CheckFlavourEnum(INamedTypeSymbol analysis, INamedTypeSymbol flavour, List<Diagnostic> found, CancellationToken cancellationToken)
    {
        if (flavour.TypeKind != TypeKind.Enum)
        {
            found.Add(Diagnostic.Create(DiagnosticDescriptors.FlavourNotEnum, flavour.Locations[0], analysis.Name));
            return;
        }
        foreach (var member in flavour.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue))
        {
            if (FindAttribute(member, MetadataNames.Flavour) is null)
                found.Add(Diagnostic.Create(DiagnosticDescriptors.MissingRole, member.Locations[0], member.Name, flavour.Name, "[Flavour]"));
            foreach (var declaration in Declarations<EnumMemberDeclarationSyntax>(member, cancellationToken))
            {
                if (declaration.EqualsValue is { } value)
                    found.Add(Diagnostic.Create(DiagnosticDescriptors.FlavourExplicitValue, value.GetLocation(), member.Name));
            }
        }
    }

    private static bool CheckPartialStruct(INamedTypeSymbol analysis, INamedTypeSymbol type, List<Diagnostic> found, CancellationToken cancellationToken)
    {
        bool ok = type.TypeKind == TypeKind.Struct && !type.IsRecord && type.Arity == 0
            && Declarations<TypeDeclarationSyntax>(type, cancellationToken).All(IsPartial);
        if (!ok)
            found.Add(Diagnostic.Create(DiagnosticDescriptors.DeclarationNotPartialStruct, type.Locations[0], type.Name, analysis.Name));
        return ok;
    }

    private static void CheckFields(
        INamedTypeSymbol type, List<Diagnostic> found, string[] roles, string roleText,
        System.Func<ITypeSymbol, bool> typeAllowed, DiagnosticDescriptor typeDescriptor, CancellationToken cancellationToken)
    {
        foreach (var field in DeclaredFields(type))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var present = roles.Where(r => FindAttribute(field, r) is not null).ToArray();
            if (present.Length == 0)
                found.Add(Diagnostic.Create(DiagnosticDescriptors.MissingRole, field.Locations[0], field.Name, type.Name, roleText));
            else if (present.Length > 1)
                found.Add(Diagnostic.Create(DiagnosticDescriptors.ConflictingRoles, field.Locations[0], field.Name, ShortName(present[0]), ShortName(present[1])));
            if (!typeAllowed(field.Type))
                found.Add(Diagnostic.Create(typeDescriptor, FieldTypeLocation(field, cancellationToken), field.Name, field.Type.ToDisplayString()));
        }
    }

    private static bool IsFloatOrDouble(ITypeSymbol type) => type.SpecialType is SpecialType.System_Single or SpecialType.System_Double;

    private static bool IsDouble(ITypeSymbol type) => type.SpecialType == SpecialType.System_Double;

    private static string ShortName(string metadataName) =>
        metadataName.Substring(metadataName.LastIndexOf('.') + 1).Replace("Attribute", string.Empty);

    private static Location FieldTypeLocation(IFieldSymbol field, CancellationToken cancellationToken) =>
        Declarations<VariableDeclaratorSyntax>(field, cancellationToken).FirstOrDefault()?.Parent is VariableDeclarationSyntax declaration
            ? declaration.Type.GetLocation()
            : field.Locations[0];

    private static bool IsPartial(TypeDeclarationSyntax declaration) => declaration.Modifiers.Any(SyntaxKind.PartialKeyword);

    private static IEnumerable<T> Declarations<T>(ISymbol symbol, CancellationToken cancellationToken)
        where T : SyntaxNode =>
        symbol.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<T>();
}
