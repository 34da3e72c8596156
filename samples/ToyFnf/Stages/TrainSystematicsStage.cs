using FnfDsl.Analysis;
using ToyFnf.Analysis;
using ToyFnf.Configuration;
using ToyFnf.Diagnostics;
using ToyFnf.Inputs;
using ToyFnf.Output;
using ToyFnf.Plots;

namespace ToyFnf.Stages;

/// <summary>
/// Trains the FNF heads on every variation sample (each event at its file's nu) with the nominal flows frozen
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
    public string Description => "Train the FNF heads on the variation samples and plot the learned shifts (figure b).";

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts(RunConfig config) =>
        [.. ModelFile.Systematics.Artifacts, .. ShapeNuisances().Select(n => Figures.ResidualShift.PathFor(n.Toy))];

    /// <inheritdoc />
    public object Fingerprint(RunConfig config) => new { Model = ToyRunSpec.Architecture(config.Settings), config.Settings.SystematicsTraining, config.Seed };

    /// <inheritdoc />
    public void Run(StageContext context)
    {
        var inputs = AnalysisInputs.Open(context.Config.OutDir);
        var variations = inputs.Variations();
        var model = ModelFile.Nominal.Load(context);
        long seed = context.Config.Seed + SeedOffset;
        var result = SystematicsTraining.Train(model, variations, TrainingOptions.For(context.Settings.SystematicsTraining, seed, context.Progress.Track("FNF heads")));
        context.Log($"FNF heads: {variations.Count} variation events, best validation loss {result.BestLoss:F4} at epoch {result.BestEpoch}/{result.EpochsRun}");
        ModelFile.Systematics.Save(context, model);

        var nominalX = inputs.Nominal().Events.X.to_type(TorchSharp.torch.ScalarType.Float64).data<double>().Order().ToArray();
        var xGrid = Binning.UniformEdges(Binning.Quantile(nominalX, 0.02), Binning.Quantile(nominalX, 0.98), FigureXPoints - 1);
        foreach (var (index, declared, toy) in ShapeNuisances())
        {
            bool movesKinematic = model.Spec.ShapeNuisances[index].Moves.Intersect(model.Spec.Kinematics.Select(v => v.Name)).Any();
            var curves = ResidualShifts.Of(model, index, movesKinematic, xGrid, seed + index);
            ResidualShiftPlot.Save(context.PathOf(Figures.ResidualShift.PathFor(toy)), toy, xGrid, curves);
        }
    }

    /// <summary>The shape nuisances: index in nu, declared name and toy name.</summary>
    private static IEnumerable<(int Index, string Declared, string Toy)> ShapeNuisances() =>
        ToyAnalysis.Spec.ShapeNuisances.Select((s, i) => (i, s.Name, ToyNuisanceMap.ToToy(s.Name)));
}
