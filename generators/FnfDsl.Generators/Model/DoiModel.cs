namespace FnfDsl.Generators.Model;

/// <summary>The Distribution of Interest: features it maps (Of), variables it is conditioned on (Given), spline sizes.</summary>
public sealed record DoiModel(string Name, EquatableArray<string> Of, EquatableArray<string> Given, FlowSizesModel Sizes);
