using System.Collections.Generic;
using System.Linq;
using FnfDsl.Generators.Model;

namespace FnfDsl.Generators;

public sealed partial class FnfGenerator
{
    internal static partial class Emitter
    {
        // ---- Tensors: typed values to and from the runtime's tensors ----

        private static void WriteTensors(SourceWriter w, AnalysisModel model)
        {
            WriteEventTensors(w, model);
            WriteVectorTensors(w, "Nuisances", "nuisance", NuisanceNames(model));
            if (model.DeclaresPois)
                WriteVectorTensors(w, "Pois", "parameter of interest", model.Pois.Select(p => p.Name).ToList());
            WriteSimulationBuilders(w, model);
            WriteFlavoursOf(w, model);
        }

        private static void WriteEventTensors(SourceWriter w, AnalysisModel model)
        {
            w.Line("// Event batches as the runtime's tensors.");
            w.Open("partial struct Event");
            w.Line("/// <summary>The events as validated tensors: x [N, Schema.KinematicCount] and y [N, Schema.FeatureCount] in <paramref name=\"dtype\"/>.</summary>");
            w.Line("/// <param name=\"events\">The events.</param>");
            w.Line("/// <param name=\"dtype\">Float32 or Float64: the dtype of the model the events are for.</param>");
            w.Line("/// <param name=\"weights\">Per-event weights [N], or null for unit weights.</param>");
            w.Line("/// <param name=\"source\">Where the events came from, for error messages.</param>");
            w.Line($"/// <exception cref=\"{ArgumentException}\">A value is not finite or the weights do not fit; the message names the row and column.</exception>");
            w.Open($"public static {EventData} ToEventData({EventSpan} events, {ScalarType} dtype, {Tensor}? weights = null, string source = \"events\")");
            w.Line($"var x = {Torch}.tensor(KinematicBatch(events), new long[] {{ events.Length, Schema.KinematicCount }}, dtype);");
            w.Line($"var y = {Torch}.tensor(FeatureBatch(events), new long[] {{ events.Length, Schema.FeatureCount }}, dtype);");
            w.Open("try");
            w.Line($"return {EventData}.Create(x, y, weights, source);");
            w.Close();
            w.Open("catch");
            w.Line("// Refused events must not leave their tensors to the finalizer.");
            w.Line("x.Dispose();");
            w.Line("y.Dispose();");
            w.Line("throw;");
            w.Close();
            w.Close();

            w.Line();
            w.Line("/// <summary>Events from tensors x [N, Schema.KinematicCount] and y [N, Schema.FeatureCount] (an EventData's, or pseudo-data's), in schema order.</summary>");
            w.Line($"/// <exception cref=\"{ArgumentException}\">A tensor does not have the schema's columns, or the row counts differ.</exception>");
            w.Open($"public static Event[] FromTensors({Tensor} x, {Tensor} y)");
            w.Line("if (x.dim() != 2 || x.shape[1] != Schema.KinematicCount)");
            w.Indented(i => i.Line($"throw new {ArgumentException}($\"x must be [N, {{Schema.KinematicCount}}] ({Names(Kinematics(model))}), got [{{string.Join(\", \", x.shape)}}].\", nameof(x));"));
            w.Line("if (y.dim() != 2 || y.shape[1] != Schema.FeatureCount)");
            w.Indented(i => i.Line($"throw new {ArgumentException}($\"y must be [N, {{Schema.FeatureCount}}] ({Names(Features(model))}), got [{{string.Join(\", \", y.shape)}}].\", nameof(y));"));
            w.Line("if (x.shape[0] != y.shape[0])");
            w.Indented(i => i.Line($"throw new {ArgumentException}($\"x has {{x.shape[0]}} rows but y has {{y.shape[0]}}.\", nameof(y));"));
            w.Line($"using var scope = {Torch}.NewDisposeScope();");
            w.Line($"double[] kinematics = x.detach().to_type({ScalarType}.Float64).contiguous().data<double>().ToArray();");
            w.Line($"double[] features = y.detach().to_type({ScalarType}.Float64).contiguous().data<double>().ToArray();");
            w.Line("return FromBatches(kinematics, features);");
            w.Close();
            w.Close();
        }

        private static void WriteVectorTensors(SourceWriter w, string type, string noun, IReadOnlyList<string> names)
        {
            w.Line();
            w.Line($"// The {type} vector as a runtime tensor.");
            w.Open($"partial struct {type}");
            w.Line("/// <summary>The values in vector order as a float64 tensor [Count].</summary>");
            w.Line($"public {Tensor} ToTensor() => {Torch}.tensor(ToArray(), dtype: {ScalarType}.Float64);");
            w.Line();
            w.Line($"/// <summary>A {type} vector from a floating-point tensor [Count] in vector order.</summary>");
            w.Line($"/// <exception cref=\"{ArgumentException}\">The tensor is not a floating-point vector of <see cref=\"Count\"/> values.</exception>");
            w.Open($"public static {type} FromTensor({Tensor} values)");
            w.Line("if (values.dim() != 1 || values.shape[0] != Count || !values.is_floating_point())");
            w.Indented(i => i.Line($"throw new {ArgumentException}($\"Expected a floating-point tensor [{{Count}}] of {noun} values ({string.Join(", ", names)}), got {{values.dtype}} [{{string.Join(\", \", values.shape)}}].\", nameof(values));"));
            w.Line($"using var scope = {Torch}.NewDisposeScope();");
            w.Line($"return FromArray(values.detach().to_type({ScalarType}.Float64).data<double>().ToArray());");
            w.Close();
            w.Close();
        }

        private static void WriteSimulationBuilders(SourceWriter w, AnalysisModel model)
        {
            w.Line();
            w.Line("/// <summary>");
            w.Line("/// Simulated events with their true flavours, generated at <paramref name=\"nu\"/>: the runtime's training sample");
            w.Line("/// (x and y in <paramref name=\"dtype\"/>, flavour indices int64 [N], nu float64 [N, Nuisances.Count] repeated for every event).");
            w.Line("/// </summary>");
            w.Line("/// <param name=\"events\">The events.</param>");
            w.Line("/// <param name=\"flavours\">The true flavour of each event.</param>");
            w.Line("/// <param name=\"nu\">The nuisances the sample was generated at (<see cref=\"Nuisances.Nominal\"/> for nominal simulation).</param>");
            w.Line("/// <param name=\"dtype\">Float32 or Float64: the dtype of the model the sample is for.</param>");
            w.Line("/// <param name=\"source\">Where the events came from, for error messages.</param>");
            w.Line($"/// <exception cref=\"{ArgumentException}\">Not one flavour per event, an undeclared flavour, or a value that is not finite.</exception>");
            w.Open($"public static {SimulationSample} Simulation({EventSpan} events, {Span}<Flavour> flavours, Nuisances nu, {ScalarType} dtype, string source = \"simulation\")");
            w.Line("if (flavours.Length != events.Length)");
            w.Indented(i => i.Line($"throw new {ArgumentException}($\"{{source}}: {{events.Length}} events but {{flavours.Length}} flavours; give one flavour per event.\", nameof(flavours));"));
            w.Line("var labels = new long[events.Length];");
            w.Open("for (int i = 0; i < labels.Length; i++)");
            w.Line("labels[i] = (long)flavours[i];");
            w.Line("if (labels[i] < 0 || labels[i] >= FlavourCount)");
            w.Indented(i => i.Line($"throw new {ArgumentException}($\"{{source}}: row {{i}} has flavour {{flavours[i]}}, which is not one of {string.Join(", ", model.Flavours.Select(f => f.Name))}.\", nameof(flavours));"));
            w.Close();
            w.Line("double[] point = nu.ToArray();");
            w.Open("for (int k = 0; k < point.Length; k++)");
            w.Line("if (!double.IsFinite(point[k]))");
            w.Indented(i => i.Line($"throw new {ArgumentException}($\"{{source}}: nuisance {{Nuisances.Names[k]}} is {{point[k]}}; it must be finite.\", nameof(nu));"));
            w.Close();
            w.Line("var perEvent = new double[events.Length * Nuisances.Count];");
            w.Line("for (int i = 0; i < events.Length; i++)");
            w.Indented(i => i.Line("point.CopyTo(perEvent, i * Nuisances.Count);"));
            w.Line("var data = Event.ToEventData(events, dtype, source: source);");
            w.Line($"return new {SimulationSample}(data, {Torch}.tensor(labels), {Torch}.tensor(perEvent, new long[] {{ events.Length, Nuisances.Count }}, {ScalarType}.Float64));");
            w.Close();

            w.Line();
            w.Line("/// <summary>Simulated events all of one flavour, generated at <paramref name=\"nu\"/>: the runtime's training sample.</summary>");
            w.Line($"/// <exception cref=\"{ArgumentException}\">An undeclared flavour, or a value that is not finite.</exception>");
            w.Open($"public static {SimulationSample} Simulation({EventSpan} events, Flavour flavour, Nuisances nu, {ScalarType} dtype, string source = \"simulation\")");
            w.Line("var flavours = new Flavour[events.Length];");
            w.Line("for (int i = 0; i < flavours.Length; i++)");
            w.Indented(i => i.Line("flavours[i] = flavour;"));
            w.Line("return Simulation(events, flavours, nu, dtype, source);");
            w.Close();
        }

        private static void WriteFlavoursOf(SourceWriter w, AnalysisModel model)
        {
            w.Line();
            w.Line("/// <summary>The flavours of a tensor of flavour indices [N] (e.g. a pseudo-data sample's).</summary>");
            w.Line($"/// <exception cref=\"{ArgumentException}\">The tensor is not a vector, or holds an index outside <see cref=\"Flavour\"/>.</exception>");
            w.Open($"public static Flavour[] FlavoursOf({Tensor} labels)");
            w.Line("if (labels.dim() != 1)");
            w.Indented(i => i.Line($"throw new {ArgumentException}($\"Flavour indices must be a vector [N], got [{{string.Join(\", \", labels.shape)}}].\", nameof(labels));"));
            w.Line("long[] values;");
            w.Line($"using (var scope = {Torch}.NewDisposeScope())");
            w.Indented(i => i.Line($"values = labels.detach().to_type({ScalarType}.Int64).data<long>().ToArray();"));
            w.Line("var flavours = new Flavour[values.Length];");
            w.Open("for (int i = 0; i < values.Length; i++)");
            w.Line("if (values[i] < 0 || values[i] >= FlavourCount)");
            w.Indented(i => i.Line($"throw new {ArgumentException}($\"Row {{i}} has flavour index {{values[i]}}, outside 0..{{FlavourCount - 1}} ({string.Join(", ", model.Flavours.Select(f => f.Name))}).\", nameof(labels));"));
            w.Line("flavours[i] = (Flavour)values[i];");
            w.Close();
            w.Line("return flavours;");
            w.Close();
        }
    }
}
