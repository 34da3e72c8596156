namespace FnfDsl.Generators.Model;

/// <summary>A shape nuisance: prior, touched flavours (resolved: all when none named), moved variables, head sizes, sample labels.</summary>
public sealed record ShapeNuisanceModel(
    string Name,
    PriorKind Prior,
    EquatableArray<string> Flavours,
    EquatableArray<string> Moves,
    EquatableArray<int> Hidden,
    string Up,
    string Down);
