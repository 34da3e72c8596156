using System.Collections.Generic;
using System.Linq;
using FnfDsl.Generators.Model;

namespace FnfDsl.Generators;

public sealed partial class FnfGenerator
{
    internal static partial class Emitter
    {
        private const string RuntimeModel = Spec + ".AnalysisModel";
        private const string ModelOptions = Spec + ".AnalysisModelOptions";
        private const string Normalization = Spec + ".Normalization";
        private const string TrainingResult = "global::FnfDsl.Training.TrainingResult";
        private const string TrainerOptions = "global::FnfDsl.Training.TrainerOptions";
        private const string Generator = Torch + ".Generator";

        // Parameter names of the DoI-variation drivers; a kinematic variable's parameter must not take one of them.
        private static readonly string[] VariationParameters = { "hessian", "featurePoints", "flavour", "draws", "generator" };

        // ---- Model: the analysis' AnalysisModel with typed heads, samples and drivers ----

        private static void WriteModel(SourceWriter w, AnalysisModel model)
        {
            var shapes = model.ShapeNuisances;
            bool hasDoi = model.Doi is not null;
            bool hasNuisances = NuisanceNames(model).Count > 0;

            w.Line("/// <summary>");
            w.Line($"/// The mixture likelihood of {model.ClassName} with its trainable densities: the runtime's AnalysisModel built from <see cref=\"Spec\"/>");
            w.Line($"/// (nominal flows, one FNF head per shape nuisance{(hasDoi ? $", the DoI {model.Doi!.Name} and its amortized residual" : string.Empty)}),");
            w.Line("/// with typed samples and the training and profiling drivers of method.md sections 3 and 4.");
            w.Line("/// </summary>");
            w.Open($"{model.Accessibility} sealed class Model : global::System.IDisposable");
            w.Open($"private Model({RuntimeModel} runtime)");
            w.Line("Runtime = runtime;");
            w.Close();

            w.Line();
            w.Line("/// <summary>The runtime model: densities, likelihood, network parameters.</summary>");
            w.Line($"public {RuntimeModel} Runtime {{ get; }}");
            w.Line();
            w.Line("/// <summary>The dtype of the networks; the events of this model are built in it.</summary>");
            w.Line($"public {ScalarType} Dtype => Runtime.Options.Dtype;");

            foreach (var shape in shapes)
                WriteHeads(w, model, shape);

            WriteNormalization(w, model);
            WriteCreateLoadSave(w);
            WriteSamples(w, model);

            w.Line();
            w.Line("/// <summary>Stage 1 of the training (method.md section 3): the nominal flows p_f(y | x) and p_f(x) on nominal simulation; frozen afterwards.</summary>");
            w.Line("/// <param name=\"nominal\">Nominal simulation with its true flavours (see <see cref=\"Simulation(global::System.ReadOnlySpan{Event}, global::System.ReadOnlySpan{Flavour}, Nuisances, string)\"/>).</param>");
            w.Line("/// <param name=\"options\">Epochs, batch, learning rate, validation (default: the runtime's defaults).</param>");
            w.Line($"public ({TrainingResult} Features, {TrainingResult}? Kinematics) TrainNominal({SimulationSample} nominal, {TrainerOptions}? options = null) =>");
            w.Indented(i => i.Line($"{Spec}.NominalTraining.Train(Runtime, nominal, options ?? new {TrainerOptions}());"));

            if (shapes.Count > 0)
            {
                w.Line();
                w.Line($"/// <summary>Stage 2 of the training (method.md section 3): the FNF heads of {string.Join(", ", shapes.Select(s => s.Name))} on variation samples, each event at its own nu.</summary>");
                w.Line("/// <param name=\"variations\">The variation samples (e.g. <see cref=\"Simulation(global::System.ReadOnlySpan{Event}, Flavour, Nuisances, string)\"/> per file, concatenated).</param>");
                w.Line("/// <param name=\"options\">Epochs, batch, learning rate, validation (default: the runtime's defaults).</param>");
                w.Line($"public {TrainingResult} TrainSystematics({SimulationSample} variations, {TrainerOptions}? options = null) =>");
                w.Indented(i => i.Line($"{Spec}.SystematicsTraining.Train(Runtime, variations, options ?? new {TrainerOptions}());"));
            }

            if (hasDoi)
            {
                w.Line();
                w.Line($"/// <summary>Step 1 of DoI profiling (method.md section 4): fits the DoI {model.Doi!.Name} jointly with the {(model.DeclaresPois ? "POIs and " : string.Empty)}nuisances on data; the model keeps the fitted DoI and nu_hat.</summary>");
                w.Line("/// <param name=\"data\">The data the DoI is fitted to.</param>");
                w.Line("/// <param name=\"options\">Epochs, batch, learning rates, convergence (default: the runtime's defaults).</param>");
                w.Open($"public Step1Fit FitDoi({EventData} data, {Spec}.DoiFitOptions? options = null)");
                w.Line($"var result = {Spec}.DoiFit.Run(Runtime, data, options ?? new {Spec}.DoiFitOptions());");
                w.Line($"return new Step1Fit({PointFrom(model, "result.Theta", "result.Nu")}, result.Nll, result);");
                w.Close();
            }

            if (hasDoi && hasNuisances)
                WriteAmortized(w, model);

            WriteProfilers(w, model);
            WritePseudoData(w, model);

            if (hasDoi && HasParameters(model))
            {
                w.Line();
                w.Line("/// <summary>");
                w.Line("/// The Poisson-bootstrap ensemble of step-1 fits (method.md section 4): each replica refits the DoI on reweighted data and scans");
                w.Line("/// the real data around <paramref name=\"center\"/>; the curves are combined by the averaged likelihood and the envelope.");
                w.Line("/// The model's DoI and nu_hat are restored afterwards.");
                w.Line("/// </summary>");
                w.Line("/// <param name=\"data\">The data.</param>");
                w.Line("/// <param name=\"center\">The best fit the scans are centred on.</param>");
                w.Line("/// <param name=\"options\">Replicas, seed, the replicas' fit, scan grids (default: the runtime's defaults).</param>");
                w.Line("/// <param name=\"scan\">The parameters to scan (default: every nuisance).</param>");
                w.Open($"public NamedBootstrap Bootstrap({EventData} data, Parameters center, {Spec}.BootstrapOptions? options = null, ParameterId[]? scan = null)");
                w.Line($"options ??= new {Spec}.BootstrapOptions();");
                w.Open("if (scan is not null)");
                w.Line("var names = new string[scan.Length];");
                w.Line("for (int i = 0; i < scan.Length; i++)");
                w.Indented(i => i.Line("names[i] = Parameters.Names[(int)scan[i]];"));
                w.Line("options = options with { ScanParameters = names };");
                w.Close();
                w.Line($"return new NamedBootstrap({Spec}.BootstrapEnsemble.Run(Runtime, data, center.ToArray(), options));");
                w.Close();
            }

            if (hasDoi && hasNuisances)
                WriteDoiVariations(w, model);

            w.Line();
            w.Line("/// <summary>Releases the networks' tensors.</summary>");
            w.Line("public void Dispose() => Runtime.Dispose();");
            w.Close();
        }

        private static void WriteHeads(SourceWriter w, AnalysisModel model, ShapeNuisanceModel shape)
        {
            var roles = model.Variables.Where(v => shape.Moves.Contains(v.Name)).Select(v => v.Role).Distinct().OrderBy(r => r).ToList();
            foreach (var role in roles)
            {
                w.Line();
                if (role == VariableRole.Feature)
                {
                    w.Line($"/// <summary>The FNF head of {shape.Name} in the map of the features: {shape.Name}'s whole share of p_f(y | x, nu).</summary>");
                    w.Line($"public global::FnfDsl.Fnf.FnfHead {shape.Name}FeatureHead => Runtime.Features.Fnf.Head({Literal(shape.Name)});");
                }
                else
                {
                    w.Line("// This nuisance moves a kinematic variable, so the runtime built the kinematic density.");
                    w.Line($"/// <summary>The FNF head of {shape.Name} in the map of the kinematic variables: {shape.Name}'s whole share of p_f(x | nu).</summary>");
                    w.Line($"public global::FnfDsl.Fnf.FnfHead {shape.Name}KinematicHead => Runtime.Kinematics!.Fnf.Head({Literal(shape.Name)});");
                }
            }
        }

        private static void WriteNormalization(SourceWriter w, AnalysisModel model)
        {
            var doi = model.Doi;
            w.Line();
            if (doi is not null)
            {
                w.Line($"/// <summary>The standardisations of the flows: x and y from nominal simulation, the DoI's features ({string.Join(", ", doi.Of)}) from data.</summary>");
                w.Line($"/// <exception cref=\"{ArgumentException}\">Fewer than two events, or a constant column.</exception>");
                w.Open($"public static {Normalization} FitNormalization({EventSpan} simulation, {EventSpan} data)");
            }
            else
            {
                w.Line("/// <summary>The standardisations of the flows: x and y from nominal simulation.</summary>");
                w.Line($"/// <exception cref=\"{ArgumentException}\">Fewer than two events, or a constant column.</exception>");
                w.Open($"public static {Normalization} FitNormalization({EventSpan} simulation)");
            }
            w.Line("if (simulation.Length < 2)");
            w.Indented(i => i.Line($"throw new {ArgumentException}($\"The normalization needs at least two simulated events, got {{simulation.Length}}.\", nameof(simulation));"));
            if (doi is not null)
            {
                w.Line("if (data.Length < 2)");
                w.Indented(i => i.Line($"throw new {ArgumentException}($\"The normalization needs at least two data events, got {{data.Length}}.\", nameof(data));"));
                w.Line($"var doiFeatures = new double[data.Length * {doi.Of.Count}];");
                w.Open("for (int i = 0; i < data.Length; i++)");
                for (int j = 0; j < doi.Of.Count; j++)
                    w.Line($"doiFeatures[{doi.Of.Count} * i{(j == 0 ? string.Empty : $" + {j}")}] = data[i].{doi.Of[j]};");
                w.Close();
            }
            w.Line($"using var x = {Torch}.tensor(Event.KinematicBatch(simulation), new long[] {{ simulation.Length, Schema.KinematicCount }}, {ScalarType}.Float64);");
            w.Line($"using var y = {Torch}.tensor(Event.FeatureBatch(simulation), new long[] {{ simulation.Length, Schema.FeatureCount }}, {ScalarType}.Float64);");
            w.Line(doi is not null
                ? $"using var doi = {Torch}.tensor(doiFeatures, new long[] {{ data.Length, {doi.Of.Count} }}, {ScalarType}.Float64);"
                : $"using var doi = {Torch}.zeros(simulation.Length, 0, dtype: {ScalarType}.Float64); // no DoI: nothing to standardise");
            w.Line($"return {Normalization}.Fit(x, y, doi);");
            w.Close();
        }

        private static void WriteCreateLoadSave(SourceWriter w)
        {
            w.Line();
            w.Line("/// <summary>An untrained model of this declaration.</summary>");
            w.Line("/// <param name=\"normalization\">The flows' standardisations (see <c>FitNormalization</c>).</param>");
            w.Line("/// <param name=\"options\">Dtype, seed and other run-time choices (default: the runtime's defaults).</param>");
            w.Line($"public static Model Create({Normalization} normalization, {ModelOptions}? options = null) =>");
            w.Indented(i => i.Line($"new Model(new {RuntimeModel}(Spec, normalization, options));"));
            w.Line();
            w.Line("/// <summary>Loads a model saved for this declaration; a model of another declaration (another <see cref=\"Fingerprint\"/>) is refused.</summary>");
            w.Line("/// <exception cref=\"global::FnfDsl.IO.ModelFileException\">The file is missing or corrupted, or holds another declaration's model.</exception>");
            w.Line($"public static Model Load(string path, {ModelOptions}? options = null) => new Model({RuntimeModel}.Load(Spec, path, options));");
            w.Line();
            w.Line("/// <summary>Saves the weights and buffers with this declaration's fingerprint, atomically.</summary>");
            w.Line("public global::FnfDsl.IO.ModelMetadata Save(string path) => Runtime.Save(path);");
        }

        private static void WriteSamples(SourceWriter w, AnalysisModel model)
        {
            w.Line();
            w.Line("/// <summary>Events as this model's data: x and y in its dtype, validated.</summary>");
            w.Line($"public {EventData} Data({EventSpan} events, {Tensor}? weights = null, string source = \"data\") =>");
            w.Indented(i => i.Line("Event.ToEventData(events, Dtype, weights, source);"));
            w.Line();
            w.Line("/// <summary>Simulated events with their true flavours, generated at <paramref name=\"nu\"/>, as this model's training sample.</summary>");
            w.Line($"public {SimulationSample} Simulation({EventSpan} events, {Span}<Flavour> flavours, Nuisances nu, string source = \"simulation\") =>");
            w.Indented(i => i.Line($"{model.ClassName}.Simulation(events, flavours, nu, Dtype, source);"));
            w.Line();
            w.Line("/// <summary>Simulated events all of one flavour, generated at <paramref name=\"nu\"/>, as this model's training sample.</summary>");
            w.Line($"public {SimulationSample} Simulation({EventSpan} events, Flavour flavour, Nuisances nu, string source = \"simulation\") =>");
            w.Indented(i => i.Line($"{model.ClassName}.Simulation(events, flavour, nu, Dtype, source);"));
        }

        private static void WriteAmortized(SourceWriter w, AnalysisModel model)
        {
            w.Line();
            w.Line("/// <summary>");
            w.Line("/// Step 2 of DoI profiling (method.md section 4): with the step-1 DoI frozen, trains the amortized residual on <paramref name=\"data\"/>,");
            w.Line("/// each event at its own nu in the box [<paramref name=\"low\"/>, <paramref name=\"high\"/>] (e.g. <see cref=\"NamedHessian.NuisanceBox\"/>).");
            w.Line("/// </summary>");
            if (model.DeclaresPois)
                w.Line("/// <param name=\"theta\">The POIs the yields are evaluated at (the step-1 best fit).</param>");
            w.Line($"/// <exception cref=\"{ArgumentException}\">A side of the box is not a finite, non-empty interval.</exception>");
            w.Line($"public {TrainingResult} TrainAmortized({EventData} data, {(model.DeclaresPois ? "Pois theta, " : string.Empty)}Nuisances low, Nuisances high, {Spec}.AmortizedOptions? options = null) =>");
            w.Indented(i => i.Line($"{Spec}.AmortizedTraining.Train(Runtime, data, {(model.DeclaresPois ? "theta.ToArray()" : "global::System.Array.Empty<double>()")}, Box(low, high), options ?? new {Spec}.AmortizedOptions());"));
            w.Line();
            w.Line("/// <summary>");
            w.Line("/// The box of a focused second pass of <see cref=\"TrainAmortized\"/>, after a first pass in [<paramref name=\"low\"/>, <paramref name=\"high\"/>]:");
            w.Line("/// around the amortized minimum in that box and around <paramref name=\"start\"/>, each +- <paramref name=\"reach\"/> profiled errors,");
            w.Line("/// cut to the first box. A second pass there concentrates the residual where the profile is evaluated.");
            w.Line("/// </summary>");
            w.Line("/// <param name=\"start\">Start of the amortized fit (e.g. the step-1 best fit).</param>");
            w.Open($"public (Nuisances Low, Nuisances High) FocusAmortized({EventData} data, Parameters start, Nuisances low, Nuisances high, double reach = 4.0)");
            w.Line($"var (box, _) = {Spec}.AmortizedTraining.FocusedBox({Spec}.AnalysisProfiler.Amortized(Runtime, data), start.ToArray(), Box(low, high), reach);");
            w.Line("return (Nuisances.FromArray(box.Low), Nuisances.FromArray(box.High));");
            w.Close();
            w.Line();
            w.Line("private static global::FnfDsl.Doi.NuBox Box(Nuisances low, Nuisances high) => global::FnfDsl.Doi.NuBox.FromBounds(low.ToArray(), high.ToArray());");
        }

        private static void WriteProfilers(SourceWriter w, AnalysisModel model)
        {
            if (!HasParameters(model))
                return;
            w.Line();
            w.Line("/// <summary>Profiling on <paramref name=\"data\"/> with the simulation densities (no DoI): nuisance fits of undistorted data.</summary>");
            w.Line($"public Profiler ProfileSimulation({EventData} data) => new Profiler({Spec}.AnalysisProfiler.Simulation(Runtime, data));");
            if (model.Doi is null)
                return;
            w.Line();
            w.Line("/// <summary>Profiling on <paramref name=\"data\"/> through the step-1 DoI, held fixed.</summary>");
            w.Line($"public Profiler ProfileStep1({EventData} data) => new Profiler({Spec}.AnalysisProfiler.Step1(Runtime, data));");
            w.Line();
            w.Line("/// <summary>Profiling on <paramref name=\"data\"/> through the amortized DoI T(.; nu): every NLL is one pass over the data, with no retraining.</summary>");
            w.Line($"public Profiler ProfileAmortized({EventData} data) => new Profiler({Spec}.AnalysisProfiler.Amortized(Runtime, data));");
        }

        private static void WritePseudoData(SourceWriter w, AnalysisModel model)
        {
            string theta = model.DeclaresPois ? "at.Pois.ToArray()" : "global::System.Array.Empty<double>()";
            w.Line();
            w.Line("/// <summary>Pseudo-data sampled from the fitted model at <paramref name=\"at\"/>: Poisson(scale * N_f) events of each flavour (post-fit checks).</summary>");
            w.Line("/// <param name=\"at\">The POIs and nuisances to sample at.</param>");
            w.Line("/// <param name=\"generator\">The random stream.</param>");
            if (model.Doi is not null)
            {
                w.Line("/// <param name=\"throughDoi\">Map the features back to the data space through the DoI's inverse (else: the simulation space).</param>");
                w.Line("/// <param name=\"amortized\">Use the amortized DoI T(.; nu) rather than the step-1 one.</param>");
            }
            w.Line("/// <param name=\"poisson\">Poisson counts (else exactly round(scale * N_f) events per flavour).</param>");
            w.Line("/// <param name=\"scale\">Factor on the expected yields.</param>");
            if (model.Doi is not null)
            {
                w.Line($"public {Spec}.PseudoDataSample PseudoData(Parameters at, {Generator} generator, bool throughDoi = true, bool amortized = false, bool poisson = true, double scale = 1.0) =>");
                w.Indented(i => i.Line($"{Spec}.PseudoData.Sample(Runtime, {theta}, at.Nuisances.ToArray(), generator, throughDoi, amortized, poisson, scale);"));
            }
            else
            {
                w.Line($"public {Spec}.PseudoDataSample PseudoData(Parameters at, {Generator} generator, bool poisson = true, double scale = 1.0) =>");
                w.Indented(i => i.Line($"{Spec}.PseudoData.Sample(Runtime, {theta}, at.Nuisances.ToArray(), generator, throughDoi: false, poisson: poisson, scale: scale);"));
            }
        }

        private static void WriteDoiVariations(SourceWriter w, AnalysisModel model)
        {
            var kinematics = Kinematics(model);
            string xParameters = string.Concat(kinematics.Select(v => $", double {KinematicParameter(v)}"));
            string x = kinematics.Count == 0
                ? "global::System.Array.Empty<double>()"
                : $"new[] {{ {string.Join(", ", kinematics.Select(KinematicParameter))} }}";
            string kinematicDocs = kinematics.Count == 0 ? string.Empty : $" at kinematics ({Names(kinematics)})";

            w.Line();
            w.Line("/// <summary>");
            w.Line("/// The principal DoI variations (method.md section 4): for each mode of the nuisances' profiled Hessian, the shift");
            w.Line($"/// T(y; nu_hat +- 1 sigma along the mode) - T(y; nu_hat) of the points y{kinematicDocs} for one flavour, through the amortized DoI.");
            w.Line("/// </summary>");
            w.Line("/// <param name=\"hessian\">The Hessian at the best fit (its nuisance block is profiled over the POIs).</param>");
            w.Line("/// <param name=\"featurePoints\">Points y [P, Schema.FeatureCount].</param>");
            w.Line("/// <param name=\"flavour\">The flavour whose context the DoI is evaluated in.</param>");
            foreach (var v in kinematics)
                w.Line($"/// <param name=\"{KinematicParameter(v)}\">The kinematic variable {v.Name}.</param>");
            w.Line($"public global::System.Collections.Generic.IReadOnlyList<{Spec}.PrincipalVariation> PrincipalVariations(NamedHessian hessian, {Tensor} featurePoints, Flavour flavour{xParameters}) =>");
            w.Indented(i => i.Line($"{Spec}.DoiVariations.Principal(Runtime, hessian.Result, featurePoints, {x}, (int)flavour);"));

            w.Line();
            w.Line("/// <summary>The DoI band: quantiles and envelope of the shift T(y; nu) - T(y; nu_hat) for nu drawn from the fit's nuisance covariance.</summary>");
            w.Line("/// <param name=\"hessian\">The Hessian at the best fit.</param>");
            w.Line("/// <param name=\"featurePoints\">Points y [P, Schema.FeatureCount].</param>");
            w.Line("/// <param name=\"flavour\">The flavour whose context the DoI is evaluated in.</param>");
            foreach (var v in kinematics)
                w.Line($"/// <param name=\"{KinematicParameter(v)}\">The kinematic variable {v.Name}.</param>");
            w.Line("/// <param name=\"draws\">Draws of nu (at least two).</param>");
            w.Line("/// <param name=\"generator\">The random stream.</param>");
            w.Line($"public {Spec}.DoiBand Band(NamedHessian hessian, {Tensor} featurePoints, Flavour flavour{xParameters}, int draws, {Generator} generator) =>");
            w.Indented(i => i.Line($"{Spec}.DoiVariations.Band(Runtime, hessian.Result, featurePoints, {x}, (int)flavour, draws, generator);"));
        }

        // A kinematic variable as a parameter of the variation drivers: camel case, kept clear of their other parameters.
        private static string KinematicParameter(VariableModel v)
        {
            string name = Parameter(v.Name);
            return VariationParameters.Contains(name) ? name + "Value" : name;
        }

        // new Parameters(...) from runtime arrays of POIs and nuisances.
        private static string PointFrom(AnalysisModel model, string theta, string nu) =>
            model.DeclaresPois
                ? $"new Parameters(Pois.FromArray({theta}), Nuisances.FromArray({nu}))"
                : $"new Parameters(Nuisances.FromArray({nu}))";

        // ---- Step1Fit: the typed result of the step-1 DoI fit ----

        private static void WriteStep1Fit(SourceWriter w, AnalysisModel model)
        {
            w.Line($"/// <summary>The step-1 fit of the DoI {model.Doi!.Name} (method.md section 4): nu_hat{(model.DeclaresPois ? ", the POIs" : string.Empty)} and the NLL there, with the runtime's details.</summary>");
            w.Line("/// <param name=\"At\">The best-fit parameters.</param>");
            w.Line("/// <param name=\"Nll\">The full-data NLL at the best fit.</param>");
            w.Line("/// <param name=\"Details\">The per-epoch history, epochs run, convergence and NaN recoveries.</param>");
            w.Open($"{model.Accessibility} sealed record Step1Fit(Parameters At, double Nll, {Spec}.DoiFitResult Details)");
            w.Line("/// <summary>The best-fit nuisances nu_hat, the centre of the amortized DoI.</summary>");
            w.Line("public Nuisances NuHat => At.Nuisances;");
            if (model.DeclaresPois)
            {
                w.Line();
                w.Line("/// <summary>The best-fit parameters of interest.</summary>");
                w.Line("public Pois Pois => At.Pois;");
            }
            w.Close();
        }
    }
}
