namespace FnfDsl.Generators.Model;

/// <summary>A pipeline value beside the diagnostics found while computing it; Value is null when generation is refused.</summary>
public sealed record Result<T>(T? Value, EquatableArray<DiagnosticInfo> Errors)
    where T : class;
