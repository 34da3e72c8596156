using FnfDsl.Analysis;
using FnfDsl.Pipeline.Cli;
using FnfDsl.Pipeline.Plots;
using FnfDsl.Pipeline.Stages;

namespace FnfDsl.Pipeline;

/// <summary>
/// The whole chain of one declared analysis: its stages in order, and what extensions add (stages, command-line options,
/// report sections and figures). <c>return new AnalysisPipeline(MyAnalysis.Spec).Run(args);</c> is a complete program;
/// the generated <c>MyAnalysis.Cli.Run(args)</c> does exactly that.
/// </summary>
/// <remarks>
/// Extension point (docs/pipeline.md): an analysis-specific stage implements <see cref="IStage"/> and is inserted with
/// <see cref="InsertBefore"/> or <see cref="InsertAfter"/>; it reads <see cref="StageContext.Inputs"/> and earlier
/// artifacts, writes its own, and names a result section and figures in <see cref="Report"/> so that results.json and
/// report.html show them. A stage that produces the inputs sets <see cref="GeneratedInputs"/>.
/// </remarks>
public sealed class AnalysisPipeline
{
    /// <summary>The standard pipeline of <paramref name="analysis"/>.</summary>
    public AnalysisPipeline(AnalysisSpec analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        Analysis = analysis;
        Title = analysis.Name;
        Stages = PipelineStages.Create(Report, () => Summary);
    }

    /// <summary>The declared analysis.</summary>
    public AnalysisSpec Analysis { get; }

    /// <summary>Name of the program in --help and of the report.</summary>
    public string Title { get; set; }

    /// <summary>One paragraph under the report's title; null for the standard one.</summary>
    public string? Summary { get; set; }

    /// <summary>The stages in execution order; "run" runs them all.</summary>
    public List<IStage> Stages { get; }

    /// <summary>Command-line options added by extensions (their values reach stages as <see cref="Configuration.RunConfig.Options"/>).</summary>
    public List<ExtraOption> Options { get; } = [];

    /// <summary>Report sections added by extensions, shown after the standard ones.</summary>
    public List<ReportExtra> Report { get; } = [];

    /// <summary>
    /// When a stage of the pipeline writes the inputs (e.g. a generator of pseudo-data): the manifest it writes, given the
    /// run folder; used when --inputs is not given. Null: --inputs is required.
    /// </summary>
    public Func<string, string>? GeneratedInputs { get; set; }

    /// <summary>Inserts <paramref name="stage"/> before the stage called <paramref name="name"/>.</summary>
    public AnalysisPipeline InsertBefore(string name, IStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        Stages.Insert(IndexOf(name), stage);
        return this;
    }

    /// <summary>Inserts <paramref name="stage"/> after the stage called <paramref name="name"/>.</summary>
    public AnalysisPipeline InsertAfter(string name, IStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        Stages.Insert(IndexOf(name) + 1, stage);
        return this;
    }

    /// <summary>Parses <paramref name="args"/> and runs the command: 0 on success, 2 for bad input, 1 for a failed stage.</summary>
    public int Run(string[] args) => AnalysisCli.Run(this, args);

    private int IndexOf(string name)
    {
        int index = Stages.FindIndex(s => s.Name == name);
        return index >= 0 ? index : throw new ArgumentException($"No stage called '{name}'; the stages are: {string.Join(", ", Stages.Select(s => s.Name))}.", nameof(name));
    }
}

/// <summary>A string-valued command-line option an extension adds, e.g. <c>--inject</c>.</summary>
/// <param name="Name">Name without dashes.</param>
/// <param name="Description">One line for --help.</param>
public sealed record ExtraOption(string Name, string Description);

/// <summary>A report section of an extension: its numbers (a result section file) and figures.</summary>
/// <param name="Key">Key of the section in results.json's "extras".</param>
/// <param name="Title">Heading in the report.</param>
/// <param name="Explanation">One line under the heading.</param>
/// <param name="Section">Artifact path of the section's JSON file (written by the extension's stage), or null.</param>
/// <param name="Figures">Figure kinds of the section.</param>
public sealed record ReportExtra(string Key, string Title, string Explanation, string? Section, IReadOnlyList<FigureKind> Figures);
