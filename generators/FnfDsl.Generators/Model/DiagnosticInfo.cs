using System.Linq;
using Microsoft.CodeAnalysis;

namespace FnfDsl.Generators.Model;

/// <summary>A diagnostic as plain data: the descriptor's id, where, and the message arguments.</summary>
public sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> MessageArgs)
{
    /// <summary>A diagnostic with the given descriptor, location and arguments.</summary>
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] args) =>
        new(descriptor.Id, location, args.ToEquatableArray());

    /// <summary>The Roslyn diagnostic to report.</summary>
    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(DiagnosticDescriptors.ById(Id), Location?.ToLocation(), MessageArgs.Select(a => (object)a).ToArray());
}
