namespace FnfDsl.Generators.Model;

// Every model type is a record of strings, numbers, enums and EquatableArrays: the incremental
// pipeline compares models by value to decide whether to re-emit, so a model holding a symbol, a
// syntax node or a Location would never compare equal (and would keep whole compilations alive).

/// <summary>One declared analysis, everything the emitter needs and nothing else.</summary>
/// <param name="Namespace">The namespace of the analysis class; null for the global namespace.</param>
/// <param name="ContainingTypes">The partial types the analysis class is nested in, outermost first.</param>
/// <param name="ClassName">The analysis class' name (also the analysis' name in its spec).</param>
/// <param name="Mode">The likelihood mode.</param>
/// <param name="Flavours">The flavours, in enum order.</param>
/// <param name="Variables">The event variables, in field order (kinematics and features mixed).</param>
/// <param name="ShapeNuisances">The shape nuisances, in field order.</param>
/// <param name="RateNuisances">The rate nuisances, in field order.</param>
/// <param name="Pois">The parameters of interest, in field order.</param>
/// <param name="Doi">The Distribution of Interest, if declared.</param>
/// <param name="FeatureFlow">Sizes of the nominal feature flows.</param>
/// <param name="KinematicFlow">Sizes of the nominal kinematic flows.</param>
/// <param name="DeclaresNuisances">Whether the analyst declared the Nuisances struct (else the generator declares it).</param>
/// <param name="DeclaresPois">Whether the analyst declared the Pois struct.</param>
/// <param name="Accessibility">
/// The keyword of the generated API types (model, profiler, parameters): "public" when every declared Flavour, Event,
/// Nuisances and Pois type is public, "internal" when each is public or internal, else "private"; their members take
/// those types as parameters, so they may be no more accessible than the least accessible of them.
/// </param>
public sealed record AnalysisModel(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string ClassName,
    LikelihoodKind Mode,
    EquatableArray<FlavourModel> Flavours,
    EquatableArray<VariableModel> Variables,
    EquatableArray<ShapeNuisanceModel> ShapeNuisances,
    EquatableArray<RateNuisanceModel> RateNuisances,
    EquatableArray<PoiModel> Pois,
    DoiModel? Doi,
    FlowSizesModel FeatureFlow,
    FlowSizesModel KinematicFlow,
    bool DeclaresNuisances,
    bool DeclaresPois,
    string Accessibility);

/// <summary>A type enclosing the analysis class, re-declared as partial around the generated code.</summary>
/// <param name="Keyword">"class", "struct", "record" or "record struct".</param>
/// <param name="Name">The type's name.</param>
public sealed record ContainingType(string Keyword, string Name);
