using FnfDsl.Analysis;
using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Diagnostics;
using FnfDsl.Pipeline.Output;
using FnfDsl.Pipeline.Plots;

namespace FnfDsl.Pipeline.Stages;

/// <summary>
/// Trains the FNF heads on every variation sample (each event at its entry's nu) with the nominal flows frozen
/// (method.md section 3), and draws where the learned maps move nominal events at nu = +-1 (figure b).
/// </summary>
public sealed class TrainSystematicsStage : IStage
{
    /// <summary>Offset of this stage's seeds from the run's master seed.</summary>
    private const long SeedOffset = 2_000;

    /// <summary>Points of the x grid of figure (b).</summary>
    public const int FigureXPoints = 12;

    /// <inheritdoc />
    public string Name => "train-systematics";

    /// <inheritdoc />
    public string Description => "Train the FNF heads on the variation samples; writes models/systematics.pt and the learned shifts (figure b).";

    /// <inheritdoc />
    public string? SkipReason(RunConfig config) =>
        config.Analysis.ShapeNuisances.Length == 0 ? "the analysis declares no shape nuisance (nothing for an FNF head to learn)" : null;

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts(RunConfig config) =>
        [.. ModelFile.Systematics.Artifacts, .. (config.Analysis.Kinematics.Length == 0 ? [] : config.Analysis.ShapeNuisances.Select(n => Figures.ResidualShift.PathFor(n.Name)))];

    /// <inheritdoc />
    public object Fingerprint(RunConfig config) => new { config.Settings.SystematicsTraining, config.Seed };

    /// <inheritdoc />
    public void Run(StageContext context)
    {
        var inputs = context.Inputs;
        var variations = inputs.Variations();
        var model = ModelFile.Nominal.Load(context);
        long seed = context.Config.Seed + SeedOffset;
        var result = SystematicsTraining.Train(model, variations, TrainingOptions.For(context.Settings.SystematicsTraining, seed, context.Progress.Track("FNF heads")));
        context.Log($"FNF heads: {variations.Count} variation events, best validation loss {result.BestLoss:F4} at epoch {result.BestEpoch}/{result.EpochsRun}");
        ModelFile.Systematics.Save(context, model);

        var spec = context.Analysis;
        if (spec.Kinematics.Length == 0)
        {
            context.Log("no kinematic variable: the FNF shift figure (drawn versus x) is left out");
            return;
        }
        var nominal = inputs.Nominal();
        var kinematics = Enumerable.Range(0, spec.Kinematics.Length).Select(d => Column(nominal.Events.X, d)).ToArray();
        var medians = kinematics.Select(c => Binning.Quantile(c, 0.5)).ToArray();
        var xGrid = Binning.UniformEdges(Binning.Quantile(kinematics[0], 0.02), Binning.Quantile(kinematics[0], 0.98), FigureXPoints - 1);
        for (int index = 0; index < spec.ShapeNuisances.Length; index++)
        {
            var nuisance = spec.ShapeNuisances[index];
            bool movesKinematic = nuisance.Moves.Intersect(spec.Kinematics.Select(v => v.Name)).Any();
            var curves = ResidualShifts.Of(model, index, movesKinematic, xGrid, medians, seed + index);
            ResidualShiftPlot.Save(context.PathOf(Figures.ResidualShift.PathFor(nuisance.Name)), nuisance.Name, xGrid, curves, spec.Kinematics[0].Name);
        }
    }

    /// <summary>Column <paramref name="d"/> of an [N, D] tensor, sorted, as doubles.</summary>
    private static double[] Column(TorchSharp.torch.Tensor values, int d)
    {
        using var column = values.select(1, d).to_type(TorchSharp.torch.ScalarType.Float64).contiguous();
        return column.data<double>().Order().ToArray();
    }
}
