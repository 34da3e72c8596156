using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace FnfDsl.Generators.Model;

/// <summary>
/// A source location as plain data (file path, span, line span). A Roslyn <see cref="Location"/> holds its
/// syntax tree, which would keep old compilations alive and defeat the pipeline's caching.
/// </summary>
public sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    /// <summary>Recreates a Roslyn location (outside any syntax tree) for reporting.</summary>
    public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);

    /// <summary>Captures a syntax node's location.</summary>
    public static LocationInfo From(SyntaxNode node) => From(node.GetLocation());

    /// <summary>Captures a Roslyn location.</summary>
    public static LocationInfo From(Location location) =>
        new(location.SourceTree?.FilePath ?? string.Empty, location.SourceSpan, location.GetLineSpan().Span);
}
