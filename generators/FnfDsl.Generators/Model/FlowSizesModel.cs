namespace FnfDsl.Generators.Model;

/// <summary>Sizes of a neural spline flow: layers, bins, hidden layer widths.</summary>
public sealed record FlowSizesModel(int Layers, int Bins, EquatableArray<int> Hidden);
