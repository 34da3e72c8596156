using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using FnfDsl.Generators.Model;
using Microsoft.CodeAnalysis;

namespace FnfDsl.Generators;

public sealed partial class FnfGenerator
{
    /// <summary>Symbols to model: the only part of the generator that reads ISymbol and AttributeData.</summary>
    internal static class Parser
    {
        private static readonly Result<AnalysisModel> Refused = new(null, EquatableArray<DiagnosticInfo>.Empty);

        /// <summary>Reads and validates one [Analysis] class; the value is null when it must not be generated.</summary>
        public static Result<AnalysisModel> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol analysis)
                return Refused;
            // A malformed shape (not partial, wrong member types) is the analyzer's to report.
            if (AnalysisStructure.Check(analysis, cancellationToken).Count > 0)
                return Refused;

            var (model, spots) = Read(analysis, context.Attributes[0], cancellationToken);
            var errors = Validator.Validate(model, spots);
            return new Result<AnalysisModel>(errors.Count == 0 ? model : null, errors.ToEquatableArray());
        }

        private static (AnalysisModel Model, AnalysisSpots Spots) Read(INamedTypeSymbol analysis, AttributeData analysisAttribute, CancellationToken cancellationToken)
        {
            var flavourType = Nested(analysis, MetadataNames.FlavourType);
            var eventType = Nested(analysis, MetadataNames.EventType);
            var nuisancesType = Nested(analysis, MetadataNames.NuisancesType);
            var poisType = Nested(analysis, MetadataNames.PoisType);
            var doiAttribute = AnalysisStructure.FindAttribute(analysis, MetadataNames.DistributionOfInterest);
            var featureFlowAttribute = AnalysisStructure.FindAttribute(analysis, MetadataNames.FeatureFlow);
            var kinematicFlowAttribute = AnalysisStructure.FindAttribute(analysis, MetadataNames.KinematicFlow);

            var spots = new AnalysisSpots(
                SourceSpots.Of(analysis, analysisAttribute, cancellationToken),
                flavourType is null ? null : LocationInfo.From(flavourType.Locations[0]),
                eventType is null ? null : LocationInfo.From(eventType.Locations[0]),
                doiAttribute is null ? null : SourceSpots.Of(analysis, doiAttribute, cancellationToken),
                SourceSpots.Of(analysis, featureFlowAttribute, cancellationToken),
                SourceSpots.Of(analysis, kinematicFlowAttribute, cancellationToken));

            var flavours = new List<FlavourModel>();
            foreach (var member in flavourType?.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue) ?? Enumerable.Empty<IFieldSymbol>())
            {
                var attribute = AnalysisStructure.FindAttribute(member, MetadataNames.Flavour);
                flavours.Add(new FlavourModel(member.Name, Double(attribute, "Yield") ?? double.NaN, Bool(attribute, "IsSignal")));
                spots.Flavours.Add(SourceSpots.Of(member, attribute, cancellationToken));
            }

            var variables = new List<VariableModel>();
            foreach (var field in eventType is null ? Enumerable.Empty<IFieldSymbol>() : AnalysisStructure.DeclaredFields(eventType))
            {
                var kinematic = AnalysisStructure.FindAttribute(field, MetadataNames.Kinematic);
                var attribute = kinematic ?? AnalysisStructure.FindAttribute(field, MetadataNames.Feature);
                variables.Add(new VariableModel(
                    field.Name,
                    kinematic is null ? VariableRole.Feature : VariableRole.Kinematic,
                    String(attribute, "Column") ?? field.Name,
                    Finite(Double(attribute, "Min")),
                    Finite(Double(attribute, "Max")),
                    field.Type.SpecialType == SpecialType.System_Double));
                spots.Variables.Add(SourceSpots.Of(field, attribute, cancellationToken));
            }

            var shapes = new List<ShapeNuisanceModel>();
            var rates = new List<RateNuisanceModel>();
            foreach (var field in nuisancesType is null ? Enumerable.Empty<IFieldSymbol>() : AnalysisStructure.DeclaredFields(nuisancesType))
            {
                if (AnalysisStructure.FindAttribute(field, MetadataNames.ShapeNuisance) is { } shape)
                {
                    var declaredFlavours = Strings(shape, "Flavours") ?? Array.Empty<string>();
                    shapes.Add(new ShapeNuisanceModel(
                        field.Name,
                        (PriorKind)(ConstructorInt(shape, 0) ?? (int)PriorKind.Gaussian),
                        // No flavour named means every flavour.
                        (declaredFlavours.Length == 0 ? flavours.Select(f => f.Name).ToArray() : declaredFlavours).ToEquatableArray(),
                        (Strings(shape, "Moves") ?? Array.Empty<string>()).ToEquatableArray(),
                        (Ints(shape, "Hidden") ?? PaperDefaults.HeadHidden).ToEquatableArray(),
                        String(shape, "Up") ?? field.Name + "Up",
                        String(shape, "Down") ?? field.Name + "Down"));
                    spots.ShapeNuisances.Add(SourceSpots.Of(field, shape, cancellationToken));
                }
                else if (AnalysisStructure.FindAttribute(field, MetadataNames.RateNuisance) is { } rate)
                {
                    rates.Add(new RateNuisanceModel(
                        field.Name,
                        ConstructorString(rate, 0) ?? string.Empty,
                        Double(rate, "Kappa"),
                        Double(rate, "KappaDown"),
                        Double(rate, "KappaUp"),
                        (PriorKind)(Int(rate, "Prior") ?? (int)PriorKind.Gaussian)));
                    spots.RateNuisances.Add(SourceSpots.Of(field, rate, cancellationToken));
                }
            }

            var pois = new List<PoiModel>();
            foreach (var field in poisType is null ? Enumerable.Empty<IFieldSymbol>() : AnalysisStructure.DeclaredFields(poisType))
            {
                var attribute = AnalysisStructure.FindAttribute(field, MetadataNames.Poi);
                // No Scales written means the flavours marked IsSignal (an explicit [] stays empty).
                pois.Add(new PoiModel(
                    field.Name,
                    (Strings(attribute, "Scales") ?? flavours.Where(f => f.IsSignal).Select(f => f.Name).ToArray()).ToEquatableArray(),
                    Double(attribute, "Initial") ?? PaperDefaults.PoiInitial,
                    Double(attribute, "Min") ?? PaperDefaults.PoiMin,
                    Double(attribute, "Max") ?? PaperDefaults.PoiMax));
                spots.Pois.Add(SourceSpots.Of(field, attribute, cancellationToken));
            }

            DoiModel? doi = null;
            if (doiAttribute is not null)
            {
                // Unset Of / Given mean every feature / every kinematic variable; an explicit [] stays empty.
                doi = new DoiModel(
                    String(doiAttribute, "Name") ?? PaperDefaults.DoiName,
                    (Strings(doiAttribute, "Of") ?? variables.Where(v => v.Role == VariableRole.Feature).Select(v => v.Name).ToArray()).ToEquatableArray(),
                    (Strings(doiAttribute, "Given") ?? variables.Where(v => v.Role == VariableRole.Kinematic).Select(v => v.Name).ToArray()).ToEquatableArray(),
                    Sizes(doiAttribute, PaperDefaults.DoiLayers, PaperDefaults.DoiBins, PaperDefaults.DoiHidden));
            }

            var model = new AnalysisModel(
                analysis.ContainingNamespace.IsGlobalNamespace ? null : analysis.ContainingNamespace.ToDisplayString(),
                ContainingTypes(analysis).ToEquatableArray(),
                analysis.Name,
                (LikelihoodKind)(Int(analysisAttribute, "Likelihood") ?? (int)LikelihoodKind.Joint),
                flavours.ToEquatableArray(),
                variables.ToEquatableArray(),
                shapes.ToEquatableArray(),
                rates.ToEquatableArray(),
                pois.ToEquatableArray(),
                doi,
                Sizes(featureFlowAttribute, PaperDefaults.FeatureFlowLayers, PaperDefaults.FeatureFlowBins, PaperDefaults.FeatureFlowHidden),
                Sizes(kinematicFlowAttribute, PaperDefaults.KinematicFlowLayers, PaperDefaults.KinematicFlowBins, PaperDefaults.KinematicFlowHidden),
                DeclaresNuisances: nuisancesType is not null,
                DeclaresPois: poisType is not null,
                Accessibility: ApiAccessibility(analysis, flavourType, eventType, nuisancesType, poisType));
            return (model, spots);
        }

        // The least accessible of the declared types bounds the generated API that exposes them (see AnalysisModel.Accessibility).
        // Inside an analysis class that is itself only internal, an internal declaration is as visible as a public one.
        private static string ApiAccessibility(INamedTypeSymbol analysis, params INamedTypeSymbol?[] declared)
        {
            bool analysisIsPublic = true;
            for (var type = analysis; type is not null; type = type.ContainingType)
                analysisIsPublic &= type.DeclaredAccessibility == Accessibility.Public;
            var levels = declared.Where(t => t is not null).Select(t => t!.DeclaredAccessibility).ToList();
            if (levels.All(a => a == Accessibility.Public || (a == Accessibility.Internal && !analysisIsPublic)))
                return "public";
            return levels.All(a => a is Accessibility.Public or Accessibility.Internal) ? "internal" : "private";
        }

        private static INamedTypeSymbol? Nested(INamedTypeSymbol analysis, string name) => analysis.GetTypeMembers(name).FirstOrDefault();

        private static IEnumerable<ContainingType> ContainingTypes(INamedTypeSymbol analysis)
        {
            var chain = new List<ContainingType>();
            for (var type = analysis.ContainingType; type is not null; type = type.ContainingType)
            {
                string keyword = (type.IsRecord, type.TypeKind) switch
                {
                    (true, TypeKind.Struct) => "record struct",
                    (true, _) => "record",
                    (false, TypeKind.Struct) => "struct",
                    (false, TypeKind.Interface) => "interface",
                    _ => "class",
                };
                chain.Add(new ContainingType(keyword, type.Name));
            }
            chain.Reverse();
            return chain;
        }

        private static FlowSizesModel Sizes(AttributeData? attribute, int layers, int bins, int[] hidden) =>
            new(Int(attribute, "Layers") ?? layers, Int(attribute, "Bins") ?? bins, (Ints(attribute, "Hidden") ?? hidden).ToEquatableArray());

        // ---- Attribute argument readers: null means "not written", so the model's defaults apply. ----

        private static TypedConstant? Named(AttributeData? attribute, string name)
        {
            if (attribute is null)
                return null;
            foreach (var pair in attribute.NamedArguments)
            {
                if (pair.Key == name && pair.Value.Kind != TypedConstantKind.Error)
                    return pair.Value;
            }
            return null;
        }

        private static TypedConstant? Constructor(AttributeData attribute, int index) =>
            index < attribute.ConstructorArguments.Length && attribute.ConstructorArguments[index].Kind != TypedConstantKind.Error
                ? attribute.ConstructorArguments[index]
                : null;

        private static double? Double(AttributeData? attribute, string name) =>
            Named(attribute, name)?.Value is { } value ? Convert.ToDouble(value, CultureInfo.InvariantCulture) : null;

        private static double? Finite(double? value) =>
            value is { } v && !double.IsInfinity(v) ? v : null;

        private static int? Int(AttributeData? attribute, string name) =>
            Named(attribute, name)?.Value is { } value ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : null;

        private static bool Bool(AttributeData? attribute, string name) =>
            Named(attribute, name)?.Value is true;

        private static string? String(AttributeData? attribute, string name) =>
            Named(attribute, name)?.Value as string;

        private static int? ConstructorInt(AttributeData attribute, int index) =>
            Constructor(attribute, index)?.Value is { } value ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : null;

        private static string? ConstructorString(AttributeData attribute, int index) =>
            Constructor(attribute, index)?.Value as string;

        private static string[]? Strings(AttributeData? attribute, string name) =>
            Named(attribute, name) is { Kind: TypedConstantKind.Array } array
                ? (array.IsNull ? Array.Empty<string>() : array.Values.Select(v => v.Value as string ?? string.Empty).ToArray())
                : null;

        private static int[]? Ints(AttributeData? attribute, string name) =>
            Named(attribute, name) is { Kind: TypedConstantKind.Array } array
                ? (array.IsNull ? Array.Empty<int>() : array.Values.Select(v => v.Value is { } x ? Convert.ToInt32(x, CultureInfo.InvariantCulture) : 0).ToArray())
                : null;
    }
}
