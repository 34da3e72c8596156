using FnfDsl.Analysis;
using FnfDsl.Likelihood;
using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Inputs;
using FnfDsl.Pipeline.Output;
using FnfDsl.Pipeline.Plots;
using static TorchSharp.torch;

namespace FnfDsl.Pipeline.Stages;

/// <summary>
/// Checks every input against the declaration, then builds the analysis model and trains its nominal flows
/// p_f(y | x) and p_f(x) on the nominal simulation of every flavour (method.md section 2).
/// </summary>
public sealed class TrainNominalStage : IStage
{
    /// <summary>Offset of this stage's seeds from the run's master seed.</summary>
    private const long SeedOffset = 1_000;

    /// <inheritdoc />
    public string Name => "train-nominal";

    /// <inheritdoc />
    public string Description => "Validate the inputs against the declaration and train the nominal flows on the nominal simulation; writes models/model.pt.";

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts(RunConfig config) => [.. ModelFile.Nominal.Artifacts, Figures.DataVsSimulation.PathFor()];

    /// <summary>Number of x bins of the data-vs-simulation figure (equal data populations).</summary>
    public const int FigureXBins = 4;

    /// <inheritdoc />
    public object Fingerprint(RunConfig config)
    {
        // The first stage that reads the inputs: their content decides, so editing an input file reruns everything.
        var (yields, inputs) = AnalysisInputs.Describe(config.Analysis, config.InputsPath);
        return new { Model = RunSpec.Architecture(config, yields), Inputs = inputs, config.Settings.NominalTraining, config.Seed };
    }

    /// <inheritdoc />
    public void Run(StageContext context)
    {
        // Every file, before any training: a bad input stops the run here with its key, file, column and row.
        var inputs = context.Inputs;
        var nominal = inputs.Nominal();
        var data = inputs.Data();
        context.Log($"inputs valid: {AnalysisInputs.FilesOf(inputs.Manifest).Distinct().Count()} files; nominal simulation {nominal.Count} events, data {data.Count} events");

        var spec = context.Analysis;
        var model = new AnalysisModel(spec, NormalizationOf(spec, nominal, data), RunSpec.Options(spec, context.Settings, inputs.Yields, context.Config.Seed));
        var options = TrainingOptions.For(context.Settings.NominalTraining, context.Config.Seed + SeedOffset, context.Progress.Track("nominal flows p(y|x), then p(x)"));
        var (features, kinematics) = NominalTraining.Train(model, nominal, options);
        context.Log($"feature flow: best validation loss {features.BestLoss:F4} at epoch {features.BestEpoch}/{features.EpochsRun}");
        if (kinematics is not null) context.Log($"kinematic flow: best validation loss {kinematics.BestLoss:F4} at epoch {kinematics.BestEpoch}/{kinematics.EpochsRun}");
        ModelFile.Nominal.Save(context, model);
        DrawDataVsSimulation(context, nominal, data);
    }

    /// <summary>Figure (a): the data against the nominal simulation of each flavour, per bin of the first kinematic variable.</summary>
    private static void DrawDataVsSimulation(StageContext context, SimulationSample nominal, EventData data)
    {
        var spec = context.Analysis;
        var dataColumns = EventColumnsOf.Tensors(data.X, data.Y);
        var byFlavour = EventColumnsOf.ByFlavour(spec, nominal.Events.X, nominal.Events.Y, nominal.Flavour, "nominal");
        var edges = EventColumnsOf.BinEdges(spec, dataColumns, FigureXBins);
        DataVsSimulationPlot.Save(context.PathOf(Figures.DataVsSimulation.PathFor()), dataColumns, byFlavour, edges,
            spec.Features.Select(v => v.Name).ToArray(), spec.Kinematics.Length > 0 ? spec.Kinematics[0].Name : "x");
    }

    /// <summary>Standardisations of x and y from nominal simulation, and of the DoI's features (if any) from the data.</summary>
    private static Normalization NormalizationOf(AnalysisSpec spec, SimulationSample nominal, EventData data)
    {
        var of = (spec.Doi?.Of ?? []).Select(name => (long)Array.FindIndex(spec.Features, f => f.Name == name)).ToArray();
        using var index = tensor(of, dtype: ScalarType.Int64);
        using var doiFeatures = data.Y.index_select(1, index);
        return Normalization.Fit(nominal.Events.X, nominal.Events.Y, doiFeatures);
    }
}
