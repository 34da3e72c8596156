using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace FnfDsl.Generators;

/// <summary>
/// Every diagnostic of the FnfDsl analyzer (FNF00xx: the shape of the declaration, no generation needed)
/// and generator (FNF01xx: the meaning of the declaration; the generator refuses to generate).
/// </summary>
public static class DiagnosticDescriptors
{
    private const string Category = "FnfDsl";

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    // ---- Analyzer: the shape of the declaration ----

    /// <summary>The [Analysis] class is not partial.</summary>
    public static readonly DiagnosticDescriptor AnalysisNotPartial = Error("FNF0001",
        "Analysis class must be partial",
        "Analysis class '{0}' must be declared partial: the generator adds its event, nuisance and spec members");

    /// <summary>A type enclosing the [Analysis] class is not partial.</summary>
    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error("FNF0002",
        "Type enclosing an analysis must be partial",
        "Type '{0}' encloses analysis '{1}' and must be declared partial too");

    /// <summary>The [Analysis] class is generic.</summary>
    public static readonly DiagnosticDescriptor AnalysisGeneric = Error("FNF0003",
        "Analysis class must not be generic",
        "Analysis class '{0}' must not be generic");

    /// <summary>Event, Nuisances or Pois is not a partial struct.</summary>
    public static readonly DiagnosticDescriptor DeclarationNotPartialStruct = Error("FNF0004",
        "Declaration type must be a partial struct",
        "'{0}' in analysis '{1}' must be declared as a partial struct");

    /// <summary>Flavour is not an enum.</summary>
    public static readonly DiagnosticDescriptor FlavourNotEnum = Error("FNF0005",
        "Flavour must be an enum",
        "'Flavour' in analysis '{0}' must be an enum whose members carry [Flavour]");

    /// <summary>An event variable is neither float nor double.</summary>
    public static readonly DiagnosticDescriptor UnsupportedVariableType = Error("FNF0006",
        "Unsupported variable type",
        "Variable '{0}' has type '{1}'; event variables must be float or double");

    /// <summary>A nuisance or parameter of interest is not double.</summary>
    public static readonly DiagnosticDescriptor ParameterNotDouble = Error("FNF0007",
        "Parameters must be double",
        "Parameter '{0}' has type '{1}'; nuisances and parameters of interest must be double");

    /// <summary>A field of a declaration type carries no role attribute.</summary>
    public static readonly DiagnosticDescriptor MissingRole = Error("FNF0008",
        "Declaration member without a role",
        "'{0}' in '{1}' needs {2}");

    /// <summary>A field carries two role attributes.</summary>
    public static readonly DiagnosticDescriptor ConflictingRoles = Error("FNF0009",
        "Declaration member with two roles",
        "'{0}' carries both [{1}] and [{2}]; choose one");

    /// <summary>A flavour enum member sets an explicit value.</summary>
    public static readonly DiagnosticDescriptor FlavourExplicitValue = Error("FNF0010",
        "Flavour with an explicit value",
        "Flavour '{0}' must not set a value: flavour values index yields and densities in declaration order");

    // ---- Generator: the meaning of the declaration ----

    /// <summary>No flavour is declared.</summary>
    public static readonly DiagnosticDescriptor NoFlavour = Error("FNF0100",
        "Analysis without flavours",
        "Analysis '{0}' declares no flavour: add 'public enum Flavour' with at least one [Flavour] member");

    /// <summary>No feature is declared.</summary>
    public static readonly DiagnosticDescriptor NoFeature = Error("FNF0101",
        "Analysis without features",
        "Analysis '{0}' declares no feature: add 'public partial struct Event' with at least one [Feature] field");

    /// <summary>Two declarations share a name.</summary>
    public static readonly DiagnosticDescriptor DuplicateName = Error("FNF0102",
        "Duplicate name",
        "The name '{0}' is already used by {1}; flavours, variables, nuisances and parameters of interest need distinct names");

    /// <summary>Two variables read the same input column.</summary>
    public static readonly DiagnosticDescriptor DuplicateColumn = Error("FNF0103",
        "Duplicate input column",
        "Variables '{0}' and '{1}' both read input column '{2}'");

    /// <summary>A reference to a flavour that does not exist.</summary>
    public static readonly DiagnosticDescriptor UnknownFlavour = Error("FNF0104",
        "Unknown flavour",
        "'{0}' is not a flavour of analysis '{1}'");

    /// <summary>A reference to a variable that does not exist.</summary>
    public static readonly DiagnosticDescriptor UnknownVariable = Error("FNF0105",
        "Unknown variable",
        "'{0}' is not a variable of analysis '{1}'");

    /// <summary>A kappa that is not positive.</summary>
    public static readonly DiagnosticDescriptor NonPositiveKappa = Error("FNF0107",
        "Non-positive kappa",
        "{0} of rate nuisance '{1}' must be positive, not {2}");

    /// <summary>Kappas given inconsistently.</summary>
    public static readonly DiagnosticDescriptor InconsistentKappa = Error("FNF0108",
        "Inconsistent kappa",
        "Rate nuisance '{0}': {1}");

    /// <summary>The DoI maps a variable that is not a feature.</summary>
    public static readonly DiagnosticDescriptor DoiOverNonFeature = Error("FNF0109",
        "Distribution of Interest over a non-feature",
        "The Distribution of Interest maps features only; '{0}' is a kinematic variable");

    /// <summary>The DoI is conditioned on a variable it maps.</summary>
    public static readonly DiagnosticDescriptor DoiConditionedOnItself = Error("FNF0110",
        "Distribution of Interest conditioned on itself",
        "'{0}' is both mapped (Of) and conditioned on (Given) by the Distribution of Interest");

    /// <summary>A shape nuisance moves no variable.</summary>
    public static readonly DiagnosticDescriptor ShapeMovesNothing = Error("FNF0111",
        "Shape nuisance moves nothing",
        "Shape nuisance '{0}' moves no variable: set Moves = [nameof(Event.X), ...]");

    /// <summary>A flow or head size that is out of range.</summary>
    public static readonly DiagnosticDescriptor InvalidSize = Error("FNF0112",
        "Invalid network size",
        "{0}: {1}");

    /// <summary>A parameter of interest scales no flavour.</summary>
    public static readonly DiagnosticDescriptor PoiScalesNothing = Error("FNF0113",
        "Parameter of interest scales nothing",
        "Parameter of interest '{0}' scales no flavour: set Scales = [nameof(Flavour.Signal), ...] or mark the signal flavours IsSignal = true");

    /// <summary>A conditional likelihood without kinematic variables.</summary>
    public static readonly DiagnosticDescriptor ConditionalWithoutKinematic = Error("FNF0114",
        "Conditional likelihood without kinematics",
        "Analysis '{0}' uses the conditional likelihood p(y | x) but declares no [Kinematic] variable");

    /// <summary>A flavour yield that is not positive.</summary>
    public static readonly DiagnosticDescriptor NonPositiveYield = Error("FNF0115",
        "Non-positive yield",
        "Flavour '{0}' needs a positive Yield, not {1}");

    /// <summary>A variable range with Min not below Max.</summary>
    public static readonly DiagnosticDescriptor EmptyRange = Error("FNF0116",
        "Empty variable range",
        "Range of variable '{0}' is empty: Min {1} is not below Max {2}");

    /// <summary>A flavour scaled by two parameters of interest.</summary>
    public static readonly DiagnosticDescriptor FlavourScaledTwice = Error("FNF0117",
        "Flavour scaled twice",
        "Flavour '{0}' is already scaled by parameter of interest '{1}'");

    /// <summary>Bounds of a parameter of interest that do not hold its starting value.</summary>
    public static readonly DiagnosticDescriptor InvalidPoiBounds = Error("FNF0118",
        "Invalid bounds of a parameter of interest",
        "Parameter of interest '{0}' needs Min <= Initial <= Max and Min < Max, not Min {1}, Initial {2}, Max {3}");

    /// <summary>The DoI maps no feature.</summary>
    public static readonly DiagnosticDescriptor DoiMapsNothing = Error("FNF0119",
        "Distribution of Interest maps nothing",
        "The Distribution of Interest maps no feature: leave Of unset (every feature) or name at least one");

    /// <summary>A declaration named like a member the generator adds to its type.</summary>
    public static readonly DiagnosticDescriptor ReservedName = Error("FNF0120",
        "Reserved name",
        "'{0}' is the name of a member the generator adds to '{1}'; rename it");

    /// <summary>The DoI is conditioned on a feature (the runtime conditions it on kinematic columns only).</summary>
    public static readonly DiagnosticDescriptor DoiGivenNonKinematic = Error("FNF0121",
        "Distribution of Interest conditioned on a feature",
        "The Distribution of Interest is conditioned on kinematic variables only; '{0}' is a feature (map it with Of, or declare it [Kinematic])");

    /// <summary>Every descriptor, for the analyzer's SupportedDiagnostics and for lookups by id.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = new[]
    {
        AnalysisNotPartial, ContainingTypeNotPartial, AnalysisGeneric, DeclarationNotPartialStruct, FlavourNotEnum,
        UnsupportedVariableType, ParameterNotDouble, MissingRole, ConflictingRoles, FlavourExplicitValue,
        NoFlavour, NoFeature, DuplicateName, DuplicateColumn, UnknownFlavour, UnknownVariable,
        NonPositiveKappa, InconsistentKappa, DoiOverNonFeature, DoiConditionedOnItself, ShapeMovesNothing,
        InvalidSize, PoiScalesNothing, ConditionalWithoutKinematic, NonPositiveYield, EmptyRange,
        FlavourScaledTwice, InvalidPoiBounds, DoiMapsNothing, ReservedName, DoiGivenNonKinematic,
    };

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = All.ToDictionary(d => d.Id);

    /// <summary>The descriptor with the given id.</summary>
    public static DiagnosticDescriptor ById(string id) => s_byId[id];
}
