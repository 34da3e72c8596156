using FnfDsl.Analysis;
using FnfDsl.Doi;
using FnfDsl.Profiling;
using ToyFnf.Configuration;
using ToyFnf.Inputs;
using ToyFnf.Output;
using ToyFnf.Results;

namespace ToyFnf.Stages;

/// <summary>
/// Step 2 (method.md section 4): with T_hat frozen, trains the residual R(.; nu - nu_hat) so that T(.; nu) is the best
/// DoI anywhere in the box, each training event at its own nu drawn uniformly in the box. The box holds the step-1
/// 95 % intervals and, around nu_hat, the prior's 95 % range: with T fixed, a nuisance that the DoI can absorb
/// (here variation_y, a feature shape) gets a step-1 interval far narrower than its profiled one, which only the
/// prior constrains.
/// </summary>
public sealed class AmortizeStage : IStage
{
    /// <summary>Offset of this stage's seeds from the run's master seed.</summary>
    private const long SeedOffset = 4_000;

    /// <summary>An open end of a step-1 interval is closed this far from nu_hat (in prior widths).</summary>
    public const double OpenEndClamp = 3.0;

    /// <summary>The box reaches at least this far on each side of nu_hat (in prior widths): the prior's 95 % range.</summary>
    public const double PriorReach = 2.0;

    /// <inheritdoc />
    public string Name => "amortize";

    /// <inheritdoc />
    public string Description => "Step 2: train the amortized residual DoI R(.; nu) in the box of the step-1 95 % intervals and the prior.";

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts(RunConfig config) => ModelFile.Step2.Artifacts;

    /// <inheritdoc />
    public object Fingerprint(RunConfig config) => new { config.Settings.AmortizedTraining, config.Seed };

    /// <inheritdoc />
    public void Run(StageContext context)
    {
        var data = AnalysisInputs.Open(context.Config.OutDir).Data();
        var step1 = ArtifactJson.Read<FitSummary>(context.PathOf(ResultSections.Step1));
        var model = ModelFile.Step1.Load(context);
        var box = BoxOf(step1, model.NuHat);
        context.Log("training box: " + string.Join(", ", step1.Nuisances.Select((n, k) => $"{n.Name} in [{box.Low[k]:F3}, {box.High[k]:F3}]")));

        var options = new AmortizedOptions
        {
            // Like T_hat, R is fitted to all the data it profiles: no validation split.
            Trainer = TrainingOptions.For(context.Settings.AmortizedTraining, context.Config.Seed + SeedOffset, context.Progress.Track("amortized residual R"))
                with { ValidationFraction = 0 },
        };
        var result = AmortizedTraining.Train(model, data, model.Spec.Pois.Select(p => p.Initial).ToArray(), box, options);
        context.Log($"residual R: best validation loss {result.BestLoss:F4} at epoch {result.BestEpoch}/{result.EpochsRun}");
        ModelFile.Step2.Save(context, model);
    }

    /// <summary>
    /// The training box: each step-1 95 % interval (an open end closed at nu_hat +- <see cref="OpenEndClamp"/>), widened to
    /// nu_hat +- <see cref="PriorReach"/> where it is narrower.
    /// </summary>
    public static NuBox BoxOf(FitSummary step1, double[] nuHat)
    {
        ArgumentNullException.ThrowIfNull(step1);
        if (step1.Nuisances.Count != nuHat.Length)
            throw new InvalidDataException($"The step-1 results list {step1.Nuisances.Count} nuisances but the model has {nuHat.Length}.");
        return NuBox.FromIntervals(step1.Nuisances.Select((n, k) => Side(n.NinetyFive, nuHat[k])).ToList());
    }

    private static (double Low, double High) Side(Interval interval, double centre) =>
        (Math.Min(double.IsFinite(interval.Low) ? interval.Low : centre - OpenEndClamp, centre - PriorReach),
         Math.Max(double.IsFinite(interval.High) ? interval.High : centre + OpenEndClamp, centre + PriorReach));
}
