using FnfDsl.Analysis;
using FnfDsl.Doi;
using FnfDsl.Profiling;
using FnfDsl.Likelihood;
using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Diagnostics;
using FnfDsl.Pipeline.Inputs;
using FnfDsl.Pipeline.Output;
using FnfDsl.Pipeline.Results;

namespace FnfDsl.Pipeline.Stages;

/// <summary>
/// Step 2 (method.md section 4): with T_hat frozen, trains the residual R(.; nu - nu_hat) so that T(.; nu) is the best
/// DoI anywhere in the box, each training event at its own nu drawn uniformly in the box. The box holds the step-1
/// 95 % intervals and, around nu_hat, the prior's 95 % range: with T fixed, a nuisance that the DoI can absorb
/// (here variation_y, a feature shape) gets a step-1 interval far narrower than its profiled one, which only the
/// prior constrains.
/// </summary>
/// <remarks>
/// That wide box spreads R's training over +-2 prior widths, where a nuisance the data pin down (variation_x) has a
/// profiled error of a few hundredths: the error of R across the box then biases the minimum. So a second pass, started
/// from the first one's R, trains in the focused box nu_hat' +- <see cref="AmortizationBoxes.FocusReach"/> profiled errors around the
/// first amortized minimum nu_hat' (within the wide box); step 2 fits and scans there (<see cref="AmortizationBoxes"/>).
/// </remarks>
public sealed class AmortizeStage : IStage
{
    /// <summary>Offset of this stage's seeds from the run's master seed.</summary>
    private const long SeedOffset = 4_000;

    /// <inheritdoc />
    public string Name => "amortize";

    /// <inheritdoc />
    public string Description => "Step 2: train the amortized residual DoI R(.; nu) in the box of the step-1 95 % intervals and the prior, then in the focused box around its first minimum; writes models/step2.pt and results/amortized_boxes.json.";

    /// <inheritdoc />
    public string? SkipReason(RunConfig config) => config.Analysis.Doi is null ? "the analysis declares no DoI (nothing to amortize)" : null;

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts(RunConfig config) => [.. ModelFile.Step2.Artifacts, ResultSections.AmortizedBoxes];

    /// <inheritdoc />
    public object Fingerprint(RunConfig config) => new { config.Settings.AmortizedTraining, config.Seed };

    /// <inheritdoc />
    public void Run(StageContext context)
    {
        var data = context.Inputs.Data();
        var step1 = ArtifactJson.Read<FitSummary>(context.PathOf(ResultSections.Step1));
        var model = ModelFile.Step1.Load(context);
        double[] theta = model.Spec.Pois.Select(p => p.Initial).ToArray();
        var wide = AmortizationBoxes.Wide(step1, model.NuHat);
        // A checkpoint per pass, both kept until the stage ends: a run killed in the second pass redoes nothing of the first
        // (resumed at its last epoch, it restores the same R, so the focused box is the same too).
        string start = ModelFile.Step1.ContentHash(context);
        var checkpoints = new[] { "wide", "focused" }.ToDictionary(pass => pass,
            pass => StageCheckpoints.PathFor(context, CheckpointPrefix, new { context.Settings.AmortizedTraining, context.Config.Seed, start, pass }));
        StageCheckpoints.DeleteStale(context, CheckpointPrefix, [.. checkpoints.Values]);
        Train(context, model, data, theta, wide, "wide", "amortized residual R, wide box", checkpoints["wide"]);

        // The first amortized minimum and its profiled errors set the focused box of the second pass.
        var profiler = AnalysisProfiler.Amortized(model, data);
        context.Log($"amortized NLL at the step-1 nu_hat {profiler.Nll([.. theta, .. model.NuHat]):F3} (step 1: {step1.NllAtMinimum:F3})");
        var (focused, first) = AmortizedTraining.FocusedBox(profiler, [.. theta, .. model.NuHat], wide, AmortizationBoxes.FocusReach,
            Minimization.For(profiler), at => ScanScales.Profiled(profiler, at, step1));
        context.Log($"first amortized minimum: NLL {first.Value:F3} at " + string.Join(", ", model.NuisanceNames.Select((n, k) => $"{n} = {first.Parameters[theta.Length + k]:+0.000;-0.000}")));
        Train(context, model, data, theta, focused, "focused", "amortized residual R, focused box", checkpoints["focused"]);

        ResultSections.Write(context, ResultSections.AmortizedBoxes, AmortizedBoxes.Of(step1.Nuisances.Select(n => n.Name).ToList(), wide, focused));
        ModelFile.Step2.Save(context, model);
        StageCheckpoints.DeleteAll(context, CheckpointPrefix);
    }

    private const string CheckpointPrefix = "amortize_checkpoint_";

    private static void Train(StageContext context, AnalysisModel model, EventData data, double[] theta, NuBox box, string pass, string label, string checkpoint)
    {
        if (File.Exists(FnfDsl.Training.TrainingCheckpoint.StatePath(checkpoint))) context.Log($"resuming the {pass} pass from {Path.GetFileName(checkpoint)}");
        var names = model.NuisanceNames;
        context.Log($"{pass} training box: " + string.Join(", ", names.Select((n, k) => $"{n} in [{box.Low[k]:F3}, {box.High[k]:F3}]")));
        var options = new AmortizedOptions
        {
            // Like T_hat, R is fitted to all the data it profiles: no validation split.
            Trainer = TrainingOptions.For(context.Settings.AmortizedTraining, context.Config.Seed + SeedOffset, context.Progress.Track(label))
                with { ValidationFraction = 0, CheckpointPath = checkpoint },
        };
        var result = AmortizedTraining.Train(model, data, theta, box, options);
        context.Log($"{pass} box: residual R loss {result.BestLoss:F4} at epoch {result.BestEpoch}/{result.EpochsRun}");
    }
}
