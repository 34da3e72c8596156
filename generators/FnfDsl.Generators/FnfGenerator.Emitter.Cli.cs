using System.Collections.Generic;
using System.Linq;
using FnfDsl.Generators.Model;

namespace FnfDsl.Generators;

public sealed partial class FnfGenerator
{
    internal static partial class Emitter
    {
        private const string Pipeline = "global::FnfDsl.Pipeline.AnalysisPipeline";

        /// <summary>The command line of an analysis, emitted when the project references the pipeline (FnfDsl.Pipeline).</summary>
        public static (string HintName, string Source) EmitCli(AnalysisModel model)
        {
            string prefix = string.Join(".", new[] { model.Namespace }.Concat(model.ContainingTypes.Select(t => t.Name)).Concat(new[] { model.ClassName }).Where(s => s is not null));
            return ($"{prefix}.Cli.g.cs", File(model, w => WriteCli(w, model)));
        }

        private static void WriteCli(SourceWriter w, AnalysisModel model)
        {
            w.Line($"/// <summary>The command line of {model.ClassName}: the FnfDsl pipeline (run, validate, one sub-command per stage) on its <see cref=\"Spec\"/>.</summary>");
            w.Open("public static class Cli");
            w.Line("/// <summary>The standard pipeline of this analysis, to add extensions (stages, options, report sections) to before running it.</summary>");
            w.Line($"public static {Pipeline} Pipeline() => new {Pipeline}(Spec);");
            w.Line();
            w.Line("/// <summary>Parses <paramref name=\"args\"/> and runs the command: 0 on success, 2 for bad input, 1 for a failed stage.</summary>");
            w.Line("public static int Run(string[] args) => Pipeline().Run(args);");
            w.Close();
        }
    }
}
