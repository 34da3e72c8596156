using System.Linq;
using FnfDsl.Generators.Model;

namespace FnfDsl.Generators;

public sealed partial class FnfGenerator
{
    internal static partial class Emitter
    {
        private const string Profiling = "global::FnfDsl.Profiling";
        private const string ArgumentOutOfRange = "global::System.ArgumentOutOfRangeException";

        // ---- Profiler: fits, scans, Hessian and POI significance with named parameters ----

        private static void WriteProfiler(SourceWriter w, AnalysisModel model)
        {
            string access = model.Accessibility;
            var names = ParameterNames(model);

            w.Line("/// <summary>");
            w.Line($"/// Profiling of {model.ClassName}'s NLL over {Vector(model)} on one dataset, through the densities chosen when it was made");
            w.Line($"/// (<c>Model.Profile...</c>): the global fit, 1-D and 2-D scans, the Hessian{(model.DeclaresPois ? ", the POIs' profile likelihoods" : string.Empty)}.");
            w.Line("/// </summary>");
            w.Open($"{access} sealed class Profiler");
            w.Line("private BestFit? best;");
            w.Line();
            w.Open($"internal Profiler({Spec}.AnalysisProfiler runtime)");
            w.Line("Runtime = runtime;");
            w.Close();

            w.Line();
            w.Line("/// <summary>The runtime profiler, over untyped parameter vectors.</summary>");
            w.Line($"public {Spec}.AnalysisProfiler Runtime {{ get; }}");
            w.Line();
            w.Line("/// <summary>The global fit from <see cref=\"Parameters.Initial\"/>, made on first use: the default centre of scans and Hessians.</summary>");
            w.Line("public BestFit Best => best ??= Fit();");
            w.Line();
            w.Line("/// <summary>The NLL at a point.</summary>");
            w.Line("public double Nll(Parameters at) => Runtime.Nll(at.ToArray());");

            w.Line();
            w.Line($"/// <summary>The global minimum over every parameter{(model.DeclaresPois ? " (POIs within their bounds)" : string.Empty)}, from <paramref name=\"start\"/> (default: <see cref=\"Parameters.Initial\"/>).</summary>");
            w.Open("public BestFit Fit(Parameters? start = null)");
            w.Line("var result = Runtime.Fit((start ?? Parameters.Initial).ToArray());");
            w.Line("return new BestFit(Parameters.FromArray(result.Parameters), result.Value, result.Converged);");
            w.Close();

            w.Line();
            w.Line("/// <summary>The minimum with the <paramref name=\"held\"/> parameters fixed at their values in <paramref name=\"at\"/>.</summary>");
            w.Open("public BestFit FitFixed(Parameters at, params ParameterId[] held)");
            w.Line("var names = new string[held.Length];");
            w.Line("for (int i = 0; i < held.Length; i++)");
            w.Indented(i => i.Line("names[i] = Name(held[i]);"));
            w.Line("var result = Runtime.FitFixed(at.ToArray(), names);");
            w.Line("return new BestFit(Parameters.FromArray(result.Parameters), result.Value, result.Converged);");
            w.Close();

            w.Line();
            w.Line("/// <summary>1-D scan of one parameter over <paramref name=\"grid\"/> around <paramref name=\"at\"/> (default: <see cref=\"Best\"/>), the others profiled or fixed.</summary>");
            w.Line($"public {Profiling}.Scan1DResult Scan(ParameterId parameter, double[] grid, bool profile = true, Parameters? at = null) =>");
            w.Indented(i => i.Line("Runtime.Scan(Name(parameter), grid, (at ?? Best.At).ToArray(), profile);"));
            foreach (var name in names)
            {
                w.Line();
                w.Line($"/// <summary>1-D scan of the {Role(model, name)} {name} over <paramref name=\"grid\"/> around <paramref name=\"at\"/> (default: <see cref=\"Best\"/>), the others profiled or fixed.</summary>");
                w.Line($"public {Profiling}.Scan1DResult Scan{name}(double[] grid, bool profile = true, Parameters? at = null) => Scan(ParameterId.{name}, grid, profile, at);");
            }

            w.Line();
            w.Line("/// <summary>2-D scan of a pair of parameters around <paramref name=\"at\"/> (default: <see cref=\"Best\"/>), the others profiled or fixed.</summary>");
            w.Line($"public {Profiling}.Scan2DResult Scan2D(ParameterId first, ParameterId second, double[] gridFirst, double[] gridSecond, bool profile = true, Parameters? at = null) =>");
            w.Indented(i => i.Line("Runtime.Scan2D(Name(first), Name(second), gridFirst, gridSecond, (at ?? Best.At).ToArray(), profile);"));

            w.Line();
            w.Line("/// <summary>The exact Hessian of the NLL at <paramref name=\"at\"/> (default: <see cref=\"Best\"/>), with covariance, errors and eigen-modes.</summary>");
            w.Line($"/// <exception cref=\"global::System.InvalidOperationException\">The Hessian is not positive definite (not a minimum, or a parameter the data do not constrain).</exception>");
            w.Line("public NamedHessian Hessian(Parameters? at = null) => new NamedHessian(Runtime.Hessian((at ?? Best.At).ToArray()));");

            foreach (var poi in model.Pois)
            {
                w.Line();
                w.Line($"/// <summary>The profile likelihood ratio of {poi.Name} over <paramref name=\"grid\"/>: best fit, 68 % interval, t_0 and the discovery significance Z0.</summary>");
                w.Line($"public {Profiling}.PoiResult Profile{poi.Name}(double[] grid, Parameters? start = null) =>");
                w.Indented(i => i.Line($"Runtime.Poi({Literal(poi.Name)}, grid, (start ?? Parameters.Initial).ToArray());"));
            }

            w.Line();
            w.Open("private static string Name(ParameterId parameter)");
            w.Line("if ((int)parameter < 0 || (int)parameter >= Parameters.Count)");
            w.Indented(i => i.Line($"throw new {ArgumentOutOfRange}(nameof(parameter), parameter, \"Not a parameter of {model.ClassName}.\");"));
            w.Line("return Parameters.Names[(int)parameter];");
            w.Close();
            w.Close();

            w.Line();
            w.Line("/// <summary>A minimum of the NLL: where it is, the NLL there, and whether the minimiser converged.</summary>");
            w.Line("/// <param name=\"At\">The parameters at the minimum.</param>");
            w.Line("/// <param name=\"Nll\">The NLL there.</param>");
            w.Line("/// <param name=\"Converged\">Whether the minimiser met its tolerance.</param>");
            w.Open($"{access} sealed record BestFit(Parameters At, double Nll, bool Converged)");
            w.Line("/// <summary>The nuisances at the minimum.</summary>");
            w.Line("public Nuisances Nuisances => At.Nuisances;");
            if (model.DeclaresPois)
            {
                w.Line();
                w.Line("/// <summary>The parameters of interest at the minimum.</summary>");
                w.Line("public Pois Pois => At.Pois;");
            }
            w.Close();
        }

        // ---- NamedHessian: errors, correlations and modes by parameter ----

        private static void WriteHessian(SourceWriter w, AnalysisModel model)
        {
            bool hasNuisances = NuisanceNames(model).Count > 0;
            w.Line($"/// <summary>The Hessian of {model.ClassName}'s NLL at a point, with its covariance, errors and eigen-modes, named by parameter.</summary>");
            w.Open($"{model.Accessibility} sealed class NamedHessian");
            w.Line("/// <summary>Names the rows of the runtime's result.</summary>");
            w.Line($"/// <exception cref=\"{ArgumentException}\">The result is not over this analysis' parameters.</exception>");
            w.Open($"public NamedHessian({Spec}.HessianResult result)");
            w.Line("if (!global::System.Linq.Enumerable.SequenceEqual(result.Names, Parameters.Names))");
            w.Indented(i => i.Line($"throw new {ArgumentException}($\"The Hessian is over ({{string.Join(\", \", result.Names)}}), not over the parameters of {model.ClassName} ({{string.Join(\", \", Parameters.Names)}}).\", nameof(result));"));
            w.Line("Result = result;");
            w.Close();

            w.Line();
            w.Line("/// <summary>The runtime's result (rows in <see cref=\"ParameterId\"/> order).</summary>");
            w.Line($"public {Spec}.HessianResult Result {{ get; }}");
            w.Line();
            w.Line("/// <summary>Where the Hessian was taken.</summary>");
            w.Line("public Parameters At => Parameters.FromArray(Result.At);");
            w.Line();
            w.Line("/// <summary>The profiled one-sigma errors sqrt(diag H^-1), as a point.</summary>");
            w.Line("public Parameters Errors => Parameters.FromArray(Result.Errors);");
            w.Line();
            w.Line("/// <summary>The profiled one-sigma error of one parameter.</summary>");
            w.Line("public double Error(ParameterId parameter) => Result.Errors[Index(parameter)];");
            w.Line();
            w.Line("/// <summary>d^2 NLL / dp_first dp_second.</summary>");
            w.Line("public double Curvature(ParameterId first, ParameterId second) => Result.Hessian[Index(first), Index(second)];");
            w.Line();
            w.Line("/// <summary>The covariance (H^-1) of two parameters.</summary>");
            w.Line("public double Covariance(ParameterId first, ParameterId second) => Result.Covariance[Index(first), Index(second)];");
            w.Line();
            w.Line("/// <summary>The correlation of two parameters.</summary>");
            w.Line("public double Correlation(ParameterId first, ParameterId second) => Covariance(first, second) / (Error(first) * Error(second));");
            w.Line();
            w.Line("/// <summary>The number of eigen-modes (one per parameter), in ascending eigenvalue: the widest first.</summary>");
            w.Line("public int ModeCount => Result.Modes.Eigenvalues.Length;");
            w.Line();
            w.Line("/// <summary>The width 1/sqrt(lambda_m) of mode <paramref name=\"mode\"/>.</summary>");
            w.Line("public double ModeWidth(int mode) => Result.Modes.Widths[mode];");
            w.Line();
            w.Line("/// <summary>The unit direction e_m of mode <paramref name=\"mode\"/>, as a point.</summary>");
            w.Line("public Parameters ModeDirection(int mode) => Parameters.FromArray(Result.Modes.Eigenvectors[mode]);");
            w.Line();
            w.Line("/// <summary>The point At + sign * e_m / sqrt(lambda_m): a one-sigma step along mode <paramref name=\"mode\"/>.</summary>");
            w.Line("public Parameters Shift(int mode, double sign) => Parameters.FromArray(Result.Modes.Shift(Result.At, mode, sign));");

            if (hasNuisances)
            {
                w.Line();
                w.Line("/// <summary>The box At +- sigmas * error of every nuisance: where the amortized DoI is trained (1.96 sigma: the 95 % intervals).</summary>");
                w.Line($"/// <exception cref=\"{ArgumentOutOfRange}\"><paramref name=\"sigmas\"/> is not positive and finite.</exception>");
                w.Open("public (Nuisances Low, Nuisances High) NuisanceBox(double sigmas = 1.96)");
                w.Line("if (!(sigmas > 0) || double.IsInfinity(sigmas))");
                w.Indented(i => i.Line($"throw new {ArgumentOutOfRange}(nameof(sigmas), sigmas, \"The box half-width must be a positive, finite number of sigmas.\");"));
                w.Line("double[] low = At.Nuisances.ToArray(), high = At.Nuisances.ToArray(), error = Errors.Nuisances.ToArray();");
                w.Open("for (int k = 0; k < low.Length; k++)");
                w.Line("low[k] -= sigmas * error[k];");
                w.Line("high[k] += sigmas * error[k];");
                w.Close();
                w.Line("return (Nuisances.FromArray(low), Nuisances.FromArray(high));");
                w.Close();
            }

            w.Line();
            w.Open("private static int Index(ParameterId parameter)");
            w.Line("if ((int)parameter < 0 || (int)parameter >= Parameters.Count)");
            w.Indented(i => i.Line($"throw new {ArgumentOutOfRange}(nameof(parameter), parameter, \"Not a parameter of {model.ClassName}.\");"));
            w.Line("return (int)parameter;");
            w.Close();
            w.Close();
        }

        // ---- NamedBootstrap: an ensemble's replicas and combined curves by parameter ----

        private static void WriteBootstrap(SourceWriter w, AnalysisModel model)
        {
            w.Line($"/// <summary>A Poisson-bootstrap ensemble of {model.ClassName}'s step-1 fits: the replicas' fits and the combined NLL curves, named by parameter.</summary>");
            w.Open($"{model.Accessibility} sealed class NamedBootstrap");
            w.Line("/// <summary>Names the runtime's result.</summary>");
            w.Open($"public NamedBootstrap({Spec}.BootstrapResult result)");
            w.Line("Result = result;");
            w.Close();

            w.Line();
            w.Line("/// <summary>The runtime's result (curves keyed by parameter name).</summary>");
            w.Line($"public {Spec}.BootstrapResult Result {{ get; }}");
            w.Line();
            w.Line("/// <summary>The number of replicas M.</summary>");
            w.Line("public int ReplicaCount => Result.Replicas.Count;");
            w.Line();
            w.Line("/// <summary>The best fit of replica <paramref name=\"replica\"/>.</summary>");
            w.Open("public Parameters Replica(int replica)");
            w.Line("var fit = Result.Replicas[replica];");
            w.Line($"return {PointFrom(model, "fit.Theta", "fit.Nu")};");
            w.Close();
            w.Line();
            w.Line("/// <summary>The scan grid of a parameter.</summary>");
            w.Line("public double[] Grid(ParameterId parameter) => Scanned(Result.Grids, parameter);");
            w.Line();
            w.Line("/// <summary>Replica <paramref name=\"replica\"/>'s NLL on the real data along a parameter's grid.</summary>");
            w.Line("public double[] ReplicaNll(int replica, ParameterId parameter) => Scanned(Result.Replicas[replica].Nll, parameter);");
            w.Line();
            w.Line("/// <summary>The averaged likelihood -log Lbar = -logsumexp_m(-NLL_m) + log M along a parameter's grid.</summary>");
            w.Line("public double[] AveragedNll(ParameterId parameter) => Scanned(Result.AveragedNll, parameter);");
            w.Line();
            w.Line("/// <summary>The 68 % interval of a parameter from the averaged likelihood.</summary>");
            w.Line($"public {Profiling}.Interval AveragedInterval(ParameterId parameter) => Scanned(Result.AveragedInterval, parameter);");
            w.Line();
            w.Line("/// <summary>The envelope min_m 2 (NLL_m - min NLL_m) along a parameter's grid.</summary>");
            w.Line("public double[] EnvelopeTwoDeltaNll(ParameterId parameter) => Scanned(Result.EnvelopeTwoDeltaNll, parameter);");
            w.Line();
            w.Line("/// <summary>The 68 % interval of a parameter from the envelope.</summary>");
            w.Line($"public {Profiling}.Interval EnvelopeInterval(ParameterId parameter) => Scanned(Result.EnvelopeInterval, parameter);");

            w.Line();
            w.Open("private static T Scanned<T>(global::System.Collections.Generic.IReadOnlyDictionary<string, T> values, ParameterId parameter)");
            w.Line("if ((int)parameter < 0 || (int)parameter >= Parameters.Count)");
            w.Indented(i => i.Line($"throw new {ArgumentOutOfRange}(nameof(parameter), parameter, \"Not a parameter of {model.ClassName}.\");"));
            w.Line("string name = Parameters.Names[(int)parameter];");
            w.Line("if (!values.TryGetValue(name, out var value))");
            w.Indented(i => i.Line($"throw new {ArgumentException}($\"{{name}} was not scanned by this ensemble; name it in the scan list of Model.Bootstrap.\", nameof(parameter));"));
            w.Line("return value;");
            w.Close();
            w.Close();
        }
    }
}
