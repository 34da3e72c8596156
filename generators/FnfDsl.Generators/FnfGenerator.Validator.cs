using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FnfDsl.Generators.Model;

namespace FnfDsl.Generators;

public sealed partial class FnfGenerator
{
    /// <summary>The meaning rules of a declaration (FNF01xx): a pure function of the model and where its parts sit.</summary>
    internal static class Validator
    {
        /// <summary>Every rule the declaration breaks; empty when it can be generated.</summary>
        public static List<DiagnosticInfo> Validate(AnalysisModel model, AnalysisSpots spots)
        {
            var errors = new List<DiagnosticInfo>();
            Reporter Report = (descriptor, location, args) => errors.Add(DiagnosticInfo.Create(descriptor, location, args));

            var flavourNames = new HashSet<string>(model.Flavours.Select(f => f.Name));
            var variables = model.Variables.ToDictionary(v => v.Name, v => v.Role);
            bool hasKinematic = model.Variables.Any(v => v.Role == VariableRole.Kinematic);

            // Existence.
            if (model.Flavours.Count == 0)
                Report(DiagnosticDescriptors.NoFlavour, spots.FlavourEnum ?? spots.Analysis.Member, model.ClassName);
            if (!model.Variables.Any(v => v.Role == VariableRole.Feature))
                Report(DiagnosticDescriptors.NoFeature, spots.EventStruct ?? spots.Analysis.Member, model.ClassName);
            if (model.Mode == LikelihoodKind.Conditional && !hasKinematic)
                Report(DiagnosticDescriptors.ConditionalWithoutKinematic, spots.Analysis.Argument("Likelihood"), model.ClassName);

            CheckNames(model, spots, Report);
            CheckReserved(model, spots, Report);

            for (int i = 0; i < model.Flavours.Count; i++)
            {
                var flavour = model.Flavours[i];
                if (!(flavour.Yield > 0))
                    Report(DiagnosticDescriptors.NonPositiveYield, spots.Flavours[i].Argument("Yield"), flavour.Name,
                        spots.Flavours[i].Has("Yield") ? Text(flavour.Yield) : "unset");
            }

            var columns = new Dictionary<string, string>();
            for (int i = 0; i < model.Variables.Count; i++)
            {
                var variable = model.Variables[i];
                if (columns.TryGetValue(variable.Column, out var first))
                    Report(DiagnosticDescriptors.DuplicateColumn, spots.Variables[i].Has("Column") ? spots.Variables[i].Argument("Column") : spots.Variables[i].Member, first, variable.Name, variable.Column);
                else
                    columns[variable.Column] = variable.Name;
                if (variable.Min is { } min && variable.Max is { } max && !(min < max))
                    Report(DiagnosticDescriptors.EmptyRange, spots.Variables[i].Argument("Max"), variable.Name, Text(min), Text(max));
            }

            for (int i = 0; i < model.ShapeNuisances.Count; i++)
            {
                var shape = model.ShapeNuisances[i];
                var at = spots.ShapeNuisances[i];
                if (shape.Moves.Count == 0)
                    Report(DiagnosticDescriptors.ShapeMovesNothing, at.Argument("Moves"), shape.Name);
                for (int j = 0; j < shape.Moves.Count; j++)
                {
                    if (!variables.ContainsKey(shape.Moves[j]))
                        Report(DiagnosticDescriptors.UnknownVariable, at.Element("Moves", j), shape.Moves[j], model.ClassName);
                }
                for (int j = 0; j < shape.Flavours.Count; j++)
                {
                    if (!flavourNames.Contains(shape.Flavours[j]))
                        Report(DiagnosticDescriptors.UnknownFlavour, at.Element("Flavours", j), shape.Flavours[j], model.ClassName);
                }
                CheckHidden($"Head of shape nuisance '{shape.Name}'", shape.Hidden, at, Report);
            }

            for (int i = 0; i < model.RateNuisances.Count; i++)
                CheckRate(model, model.RateNuisances[i], spots.RateNuisances[i], flavourNames, Report);

            var scaledBy = new Dictionary<string, string>();
            for (int i = 0; i < model.Pois.Count; i++)
            {
                var poi = model.Pois[i];
                var at = spots.Pois[i];
                if (poi.Scales.Count == 0)
                    Report(DiagnosticDescriptors.PoiScalesNothing, at.Argument("Scales"), poi.Name);
                for (int j = 0; j < poi.Scales.Count; j++)
                {
                    string flavour = poi.Scales[j];
                    if (!flavourNames.Contains(flavour))
                        Report(DiagnosticDescriptors.UnknownFlavour, at.Element("Scales", j), flavour, model.ClassName);
                    else if (scaledBy.TryGetValue(flavour, out var other))
                        Report(DiagnosticDescriptors.FlavourScaledTwice, at.Element("Scales", j), flavour, other);
                    else
                        scaledBy[flavour] = poi.Name;
                }
                if (!(poi.Min < poi.Max && poi.Min <= poi.Initial && poi.Initial <= poi.Max))
                    Report(DiagnosticDescriptors.InvalidPoiBounds, at.Attribute, poi.Name, Text(poi.Min), Text(poi.Initial), Text(poi.Max));
            }

            if (model.Doi is { } doi && spots.Doi is { } doiAt)
            {
                if (doi.Of.Count == 0 && doiAt.Has("Of"))
                    Report(DiagnosticDescriptors.DoiMapsNothing, doiAt.Argument("Of"));
                for (int j = 0; j < doi.Of.Count; j++)
                {
                    if (!variables.TryGetValue(doi.Of[j], out var role))
                        Report(DiagnosticDescriptors.UnknownVariable, doiAt.Element("Of", j), doi.Of[j], model.ClassName);
                    else if (role != VariableRole.Feature)
                        Report(DiagnosticDescriptors.DoiOverNonFeature, doiAt.Element("Of", j), doi.Of[j]);
                }
                for (int j = 0; j < doi.Given.Count; j++)
                {
                    if (!variables.TryGetValue(doi.Given[j], out var role))
                        Report(DiagnosticDescriptors.UnknownVariable, doiAt.Element("Given", j), doi.Given[j], model.ClassName);
                    else if (doi.Of.Contains(doi.Given[j]))
                        Report(DiagnosticDescriptors.DoiConditionedOnItself, doiAt.Element("Given", j), doi.Given[j]);
                    else if (role != VariableRole.Kinematic)
                        Report(DiagnosticDescriptors.DoiGivenNonKinematic, doiAt.Element("Given", j), doi.Given[j]);
                }
                CheckSizes("Distribution of Interest", doi.Sizes, doiAt, Report);
            }

            CheckSizes("Feature flow", model.FeatureFlow, spots.FeatureFlow, Report);
            CheckSizes("Kinematic flow", model.KinematicFlow, spots.KinematicFlow, Report);
            return errors;
        }

        private delegate void Reporter(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo location, params string[] args);

        // Flavours, variables, nuisances and POIs share one namespace: the spec, saved models and
        // reports refer to each by its bare name.
        private static void CheckNames(AnalysisModel model, AnalysisSpots spots, Reporter report)
        {
            var seen = new Dictionary<string, string>();
            void See(string name, string kind, SourceSpots at)
            {
                if (seen.TryGetValue(name, out var earlier))
                    report(DiagnosticDescriptors.DuplicateName, at.Member, name, earlier);
                else
                    seen[name] = $"{kind} '{name}'";
            }

            for (int i = 0; i < model.Flavours.Count; i++)
                See(model.Flavours[i].Name, "flavour", spots.Flavours[i]);
            for (int i = 0; i < model.Variables.Count; i++)
                See(model.Variables[i].Name, "variable", spots.Variables[i]);
            for (int i = 0; i < model.ShapeNuisances.Count; i++)
                See(model.ShapeNuisances[i].Name, "nuisance", spots.ShapeNuisances[i]);
            for (int i = 0; i < model.RateNuisances.Count; i++)
                See(model.RateNuisances[i].Name, "nuisance", spots.RateNuisances[i]);
            for (int i = 0; i < model.Pois.Count; i++)
                See(model.Pois[i].Name, "parameter of interest", spots.Pois[i]);
        }

        // Members the emitter adds to Event, Nuisances and Pois: a field of the same name would not compile.
        private static readonly HashSet<string> EventMembers = new() { "WriteKinematics", "WriteFeatures", "KinematicBatch", "FeatureBatch", "FromBatches", "ToEventData", "FromTensors", "ToString" };
        private static readonly HashSet<string> NuisancesMembers = new() { "Count", "Index", "Nominal", "Names", "IsConstrained", "ToArray", "FromArray", "ToTensor", "FromTensor", "ToString" };
        private static readonly HashSet<string> PoisMembers = new() { "Count", "Index", "Initial", "Names", "LowerBounds", "UpperBounds", "ToArray", "FromArray", "ToTensor", "FromTensor", "ToString" };

        private static void CheckReserved(AnalysisModel model, AnalysisSpots spots, Reporter report)
        {
            for (int i = 0; i < model.Variables.Count; i++)
            {
                if (EventMembers.Contains(model.Variables[i].Name))
                    report(DiagnosticDescriptors.ReservedName, spots.Variables[i].Member, model.Variables[i].Name, MetadataNames.EventType);
            }
            for (int i = 0; i < model.ShapeNuisances.Count; i++)
            {
                if (NuisancesMembers.Contains(model.ShapeNuisances[i].Name))
                    report(DiagnosticDescriptors.ReservedName, spots.ShapeNuisances[i].Member, model.ShapeNuisances[i].Name, MetadataNames.NuisancesType);
            }
            for (int i = 0; i < model.RateNuisances.Count; i++)
            {
                if (NuisancesMembers.Contains(model.RateNuisances[i].Name))
                    report(DiagnosticDescriptors.ReservedName, spots.RateNuisances[i].Member, model.RateNuisances[i].Name, MetadataNames.NuisancesType);
            }
            for (int i = 0; i < model.Pois.Count; i++)
            {
                if (PoisMembers.Contains(model.Pois[i].Name))
                    report(DiagnosticDescriptors.ReservedName, spots.Pois[i].Member, model.Pois[i].Name, MetadataNames.PoisType);
            }
        }

        private static void CheckRate(AnalysisModel model, RateNuisanceModel rate, SourceSpots at, HashSet<string> flavours, Reporter report)
        {
            if (!flavours.Contains(rate.Flavour))
                report(DiagnosticDescriptors.UnknownFlavour, at.Argument("flavour"), rate.Flavour, model.ClassName);

            foreach (var (name, value) in new[] { ("Kappa", rate.Kappa), ("KappaDown", rate.KappaDown), ("KappaUp", rate.KappaUp) })
            {
                if (value is { } kappa && !(kappa > 0))
                    report(DiagnosticDescriptors.NonPositiveKappa, at.Argument(name), name, rate.Name, Text(kappa));
            }

            bool symmetric = rate.Kappa is not null, down = rate.KappaDown is not null, up = rate.KappaUp is not null;
            if (symmetric && (down || up))
                report(DiagnosticDescriptors.InconsistentKappa, at.Argument(down ? "KappaDown" : "KappaUp"), rate.Name, "give either Kappa or KappaDown and KappaUp, not both");
            else if (!symmetric && !down && !up)
                report(DiagnosticDescriptors.InconsistentKappa, at.Attribute, rate.Name, "set Kappa (e.g. 1.10) or KappaDown and KappaUp");
            else if (down != up)
                report(DiagnosticDescriptors.InconsistentKappa, at.Argument(down ? "KappaDown" : "KappaUp"), rate.Name, "KappaDown and KappaUp go together");
            else if (rate.KappaDown is { } kd && rate.KappaUp is { } ku && kd > 0 && ku > 0 && (kd - 1) * (ku - 1) >= 0)
                report(DiagnosticDescriptors.InconsistentKappa, at.Argument("KappaUp"), rate.Name,
                    $"KappaDown {Text(kd)} and KappaUp {Text(ku)} must lie on opposite sides of 1 (they are the yield factors at nu = -1 and +1)");
        }

        private static void CheckSizes(string what, FlowSizesModel sizes, SourceSpots at, Reporter report)
        {
            if (sizes.Layers < 1)
                report(DiagnosticDescriptors.InvalidSize, at.Argument("Layers"), what, $"Layers must be at least 1, not {sizes.Layers}");
            if (sizes.Bins < 2)
                report(DiagnosticDescriptors.InvalidSize, at.Argument("Bins"), what, $"Bins must be at least 2, not {sizes.Bins}");
            CheckHidden(what, sizes.Hidden, at, report);
        }

        private static void CheckHidden(string what, EquatableArray<int> hidden, SourceSpots at, Reporter report)
        {
            if (hidden.Count == 0)
                report(DiagnosticDescriptors.InvalidSize, at.Argument("Hidden"), what, "Hidden needs at least one layer size");
            for (int j = 0; j < hidden.Count; j++)
            {
                if (hidden[j] < 1)
                    report(DiagnosticDescriptors.InvalidSize, at.Element("Hidden", j), what, $"Hidden sizes must be positive, not {hidden[j]}");
            }
        }

        private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
