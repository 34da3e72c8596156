using FnfDsl.Pipeline.Output;
using FnfDsl.Pipeline.Stages;

namespace FnfDsl.Pipeline.Results;

/// <summary>
/// The per-stage result files that results.json is assembled from. A stage writes its section (and lists its path
/// among its artifacts), so a resumed run still finds the numbers of stages it skipped.
/// </summary>
public static class ResultSections
{
    /// <summary>Section of the step-1 fit: a <see cref="FitSummary"/>.</summary>
    public const string Step1 = "results/step1.json";

    /// <summary>Section of the boxes the amortized DoI was trained in: an <see cref="AmortizedBoxes"/>.</summary>
    public const string AmortizedBoxes = "results/amortized_boxes.json";

    /// <summary>Section of the step-2 fit: a <see cref="FitSummary"/>.</summary>
    public const string Step2 = "results/step2.json";

    /// <summary>Section of the Hessian: a <see cref="HessianSummary"/>.</summary>
    public const string Hessian = "results/hessian.json";

    /// <summary>Section of the bootstrap ensemble: a <see cref="BootstrapSummary"/>.</summary>
    public const string Bootstrap = "results/bootstrap.json";

    /// <summary>Writes <paramref name="value"/> as the section <paramref name="section"/> of the running stage, atomically.</summary>
    public static void Write<T>(StageContext context, string section, T value) where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArtifactJson.Write(context.PathOf(section), value);
    }

    /// <summary>The section <paramref name="section"/> of the run folder <paramref name="outDir"/>, or null if it has not been written.</summary>
    public static T? ReadIfPresent<T>(string outDir, string section)
    {
        string path = ArtifactPath.Resolve(outDir, section);
        return File.Exists(path) ? ArtifactJson.Read<T>(path) : default;
    }
}
