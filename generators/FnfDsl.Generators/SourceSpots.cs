using System.Collections.Generic;
using System.Linq;
using System.Threading;
using FnfDsl.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FnfDsl.Generators;

/// <summary>
/// Where one declaration (a member and its DSL attribute) sits in source: the member, the attribute, each
/// argument and each element of an array argument. Used only to place diagnostics, inside one parse; never
/// part of the cached model (any edit above a declaration would shift every span and defeat caching).
/// </summary>
internal sealed class SourceSpots
{
    private readonly Dictionary<string, LocationInfo> _arguments = new();
    private readonly Dictionary<string, List<LocationInfo>> _elements = new();

    private SourceSpots(LocationInfo member, LocationInfo attribute)
    {
        Member = member;
        Attribute = attribute;
    }

    /// <summary>The declared member's identifier.</summary>
    public LocationInfo Member { get; }

    /// <summary>The DSL attribute, or the member when the attribute is absent.</summary>
    public LocationInfo Attribute { get; }

    /// <summary>Whether the attribute writes the named argument (a property name, or a constructor parameter name).</summary>
    public bool Has(string name) => _arguments.ContainsKey(name);

    /// <summary>The named argument (<c>Name = value</c>), or the attribute when it is not written.</summary>
    public LocationInfo Argument(string name) => _arguments.TryGetValue(name, out var location) ? location : Attribute;

    /// <summary>Element <paramref name="index"/> of an array argument, or the whole argument when it cannot be told apart.</summary>
    public LocationInfo Element(string name, int index) =>
        _elements.TryGetValue(name, out var elements) && index < elements.Count ? elements[index] : Argument(name);

    /// <summary>The spots of a member and its attribute (which may be null).</summary>
    public static SourceSpots Of(ISymbol member, AttributeData? attribute, CancellationToken cancellationToken)
    {
        var memberLocation = LocationInfo.From(member.Locations[0]);
        var syntax = attribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        var spots = new SourceSpots(memberLocation, syntax is null ? memberLocation : LocationInfo.From(syntax));
        if (syntax?.ArgumentList is null || attribute is null)
            return spots;

        var parameters = attribute.AttributeConstructor?.Parameters ?? default;
        int position = 0;
        foreach (var argument in syntax.ArgumentList.Arguments)
        {
            string? name = argument.NameEquals?.Name.Identifier.Text ?? argument.NameColon?.Name.Identifier.Text;
            if (name is null)
            {
                name = !parameters.IsDefault && position < parameters.Length ? parameters[position].Name : null;
                position++;
            }
            if (name is null)
                continue;
            spots._arguments[name] = LocationInfo.From(argument);
            var elements = ArrayElements(argument.Expression);
            if (elements is not null)
                spots._elements[name] = elements.Select(LocationInfo.From).ToList();
        }
        return spots;
    }

    private static IEnumerable<SyntaxNode>? ArrayElements(ExpressionSyntax expression) => expression switch
    {
        CollectionExpressionSyntax collection => collection.Elements,
        ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions,
        ArrayCreationExpressionSyntax array => array.Initializer?.Expressions,
        _ => null,
    };
}
