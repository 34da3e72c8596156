using FnfDsl.Analysis;
using ToyFnf.Analysis;
using ToyFnf.Configuration;
using ToyFnf.Inputs;
using ToyFnf.Output;
using static TorchSharp.torch;

namespace ToyFnf.Stages;

/// <summary>
/// Checks every input file against the declaration, then builds the analysis model and trains its nominal flows
/// p_f(y | x) and p_f(x) on the nominal simulation of both flavours (method.md section 2).
/// </summary>
public sealed class TrainNominalStage : IStage
{
    /// <summary>Offset of this stage's seeds from the run's master seed.</summary>
    private const long SeedOffset = 1_000;

    /// <inheritdoc />
    public string Name => "train-nominal";

    /// <inheritdoc />
    public string Description => "Validate the inputs against the declaration and train the nominal flows on nominal_A/B.";

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts(RunConfig config) => ModelFile.Nominal.Artifacts;

    /// <inheritdoc />
    public object Fingerprint(RunConfig config) => new { Model = ToyRunSpec.Architecture(config.Settings), config.Settings.NominalTraining, config.Seed };

    /// <inheritdoc />
    public void Run(StageContext context)
    {
        var inputs = AnalysisInputs.Open(context.Config.OutDir);
        // Every file, before any training: a bad input stops the run here with its file, column and row.
        inputs.ValidateAll();
        var nominal = inputs.Nominal();
        var data = inputs.Data();
        context.Log($"inputs valid: {inputs.Files.Manifest.Files.Count} files; nominal simulation {nominal.Count} events, data {data.Count} events");

        var spec = ToyRunSpec.For(context.Settings);
        var model = new AnalysisModel(spec, NormalizationOf(spec, nominal, data), ToyRunSpec.Options(context.Settings, context.Config.Seed));
        var options = TrainingOptions.For(context.Settings.NominalTraining, context.Config.Seed + SeedOffset, context.Progress.Track("nominal flows p(y|x), then p(x)"));
        var (features, kinematics) = NominalTraining.Train(model, nominal, options);
        context.Log($"feature flow: best validation loss {features.BestLoss:F4} at epoch {features.BestEpoch}/{features.EpochsRun}");
        if (kinematics is not null) context.Log($"kinematic flow: best validation loss {kinematics.BestLoss:F4} at epoch {kinematics.BestEpoch}/{kinematics.EpochsRun}");
        ModelFile.Nominal.Save(context, model);
    }

    /// <summary>Standardisations of x and y from nominal simulation, and of the DoI's features from the data.</summary>
    private static Normalization NormalizationOf(AnalysisSpec spec, SimulationSample nominal, FnfDsl.Likelihood.EventData data)
    {
        var of = spec.Doi!.Of.Select(name => (long)Array.FindIndex(spec.Features, f => f.Name == name)).ToArray();
        using var index = tensor(of);
        using var doiFeatures = data.Y.index_select(1, index);
        return Normalization.Fit(nominal.Events.X, nominal.Events.Y, doiFeatures);
    }
}
