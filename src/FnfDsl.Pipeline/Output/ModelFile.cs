using FnfDsl.Analysis;
using FnfDsl.IO;
using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Stages;

namespace FnfDsl.Pipeline.Output;

/// <summary>
/// A saved <see cref="AnalysisModel"/> of the run (weights and their metadata file): each training stage loads its
/// predecessor's model, continues, and saves its own, so every stage resumes from an artifact.
/// </summary>
/// <param name="Path">Artifact path of the weights, relative to the run folder.</param>
public sealed record ModelFile(string Path)
{
    /// <summary>Folder of the models inside the run folder.</summary>
    public const string Folder = "models";

    /// <summary>Nominal flows trained (train-nominal).</summary>
    public static ModelFile Nominal { get; } = new($"{Folder}/model.pt");

    /// <summary>FNF heads trained as well (train-systematics).</summary>
    public static ModelFile Systematics { get; } = new($"{Folder}/systematics.pt");

    /// <summary>Step-1 DoI T_hat fitted, nu_hat recorded (fit).</summary>
    public static ModelFile Step1 { get; } = new($"{Folder}/step1.pt");

    /// <summary>Amortized residual R trained (amortize).</summary>
    public static ModelFile Step2 { get; } = new($"{Folder}/step2.pt");

    /// <summary>The model the fits start from: with FNF heads trained when the analysis has shape nuisances, else the nominal one.</summary>
    public static ModelFile Trained(AnalysisSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.ShapeNuisances.Length > 0 ? Systematics : Nominal;
    }

    /// <summary>The model the later stages read: step 2's when the analysis has a DoI, else step 1's.</summary>
    public static ModelFile Final(AnalysisSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Doi is not null ? Step2 : Step1;
    }

    /// <summary>The weights and the metadata file, as artifact paths.</summary>
    public IReadOnlyList<string> Artifacts => [Path, ModelStore.MetadataPath(Path)];

    /// <summary>The content hash of the saved weights (from the metadata file): what a training that starts from them depends on.</summary>
    public string ContentHash(StageContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ModelStore.ReadMetadata(context.PathOf(Path)).ContentHash ?? "";
    }

    /// <summary>Saves <paramref name="model"/> here, atomically.</summary>
    public void Save(StageContext context, AnalysisModel model)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(model);
        model.Save(context.PathOf(Path));
    }

    /// <summary>Loads the model of this run's declaration and sizes; another declaration or architecture is refused.</summary>
    public AnalysisModel Load(StageContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var yields = Inputs.AnalysisInputs.YieldsOf(context.Analysis, context.Config.InputsPath);
        return AnalysisModel.Load(context.Analysis, context.PathOf(Path), RunSpec.Options(context.Analysis, context.Settings, yields, context.Config.Seed));
    }
}
