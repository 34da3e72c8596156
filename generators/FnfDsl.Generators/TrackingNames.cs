namespace FnfDsl.Generators;

/// <summary>Names of the generator's pipeline steps, so that tests can assert how each step was cached.</summary>
public static class TrackingNames
{
    /// <summary>Attribute lookup and parsing of each [Analysis] class into a model plus diagnostics.</summary>
    public const string Parse = nameof(Parse);

    /// <summary>The diagnostics of each analysis, flattened.</summary>
    public const string Diagnostics = nameof(Diagnostics);

    /// <summary>The models of the analyses that are valid (those that are generated).</summary>
    public const string Models = nameof(Models);

    /// <summary>Whether the compilation references the pipeline library (FnfDsl.Pipeline), which the generated Cli calls.</summary>
    public const string HasPipeline = nameof(HasPipeline);

    /// <summary>The valid models of a compilation that references the pipeline: those that get a Cli.</summary>
    public const string CliModels = nameof(CliModels);
}
