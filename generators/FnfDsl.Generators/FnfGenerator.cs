using System.Linq;
using FnfDsl.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FnfDsl.Generators;

/// <summary>
/// The FnfDsl source generator: for each <c>[Analysis]</c> class, parses the declaration into an equatable
/// model, reports what is wrong with it, and emits the event, schema, nuisance, POI, likelihood-term and spec code,
/// and the command line when the project references the pipeline.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class FnfGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var analyses = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                MetadataNames.Analysis,
                predicate: static (node, _) => node is ClassDeclarationSyntax,
                transform: static (syntaxContext, cancellationToken) => Parser.Parse(syntaxContext, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        var diagnostics = analyses
            .SelectMany(static (result, _) => result.Errors)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));

        var models = analyses
            .Where(static result => result.Value is not null)
            .Select(static (result, _) => result.Value!)
            .WithTrackingName(TrackingNames.Models);
        context.RegisterSourceOutput(models, static (output, model) =>
        {
            foreach (var (hintName, source) in Emitter.Emit(model))
                output.AddSource(hintName, source);
        });

        // The command line needs the pipeline library: a project that references only the runtime gets no Cli. The
        // step's value is a bool, so an edit elsewhere in the compilation leaves the Cli output cached.
        var hasPipeline = context.CompilationProvider
            .Select(static (compilation, _) => compilation.GetTypeByMetadataName(MetadataNames.Pipeline) is not null)
            .WithTrackingName(TrackingNames.HasPipeline);
        var cliModels = models
            .Combine(hasPipeline)
            .Where(static pair => pair.Right)
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(TrackingNames.CliModels);
        context.RegisterSourceOutput(cliModels, static (output, model) =>
        {
            var (hintName, source) = Emitter.EmitCli(model);
            output.AddSource(hintName, source);
        });
    }
}
