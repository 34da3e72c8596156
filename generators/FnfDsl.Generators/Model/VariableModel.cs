namespace FnfDsl.Generators.Model;

/// <summary>An event variable: field name, role, input column, optional range, and whether it is stored as double.</summary>
public sealed record VariableModel(string Name, VariableRole Role, string Column, double? Min, double? Max, bool IsDouble);
