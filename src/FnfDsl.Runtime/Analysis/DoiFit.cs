using FnfDsl.Likelihood;
using FnfDsl.Profiling;
using FnfDsl.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FnfDsl.Analysis;

/// <summary>
/// Step 1 of DoI profiling (method.md section 4): minimise the extended NLL jointly over the DoI T and the
/// parameters (theta, nu) with AdamW, the parameters at a higher learning rate; then, with T fixed, find the
/// exact minimum over (theta, nu) by damped Newton.
/// </summary>
/// <remarks>
/// A minibatch of b of the n events is charged b/n of the global terms: loss = (N(theta, nu) + C(nu)) / n - mean_i log L_i,
/// so an epoch of steps sums to the full NLL / n and the gradient is unbiased.
/// </remarks>
public static class DoiFit
{
    /// <summary>Runs the global fit on <paramref name="data"/>; the model's DoI holds the fitted T afterwards.</summary>
    public static DoiFitResult Run(AnalysisModel model, EventData data, DoiFitOptions options)
    {
        var likelihood = model.Likelihood(model.DataDensities(amortized: false));
        int p = model.Mixture.PoiCount, k = model.Mixture.NuisanceCount;
        var doiParameters = model.DoiParameters();
        if (doiParameters.Count == 0) throw new InvalidOperationException("The DoI has no parameters to fit.");
        if (options.FullBatch is not null && options.CheckpointPath is not null)
            throw new ArgumentException("A full-batch (L-BFGS) DoI fit does not write checkpoints; set CheckpointPath or FullBatch, not both.", nameof(options));
        if (options.FixedNu is { } fixedNu && fixedNu.Length != k)
            throw new ArgumentException($"FixedNu has {fixedNu.Length} values; the analysis has {k} nuisances ({string.Join(", ", model.NuisanceNames)}).", nameof(options));

        double[] theta0 = model.Spec.Pois.Select(x => x.Initial).ToArray(), nu0 = options.FixedNu is { } f0 ? (double[])f0.Clone() : new double[k];
        var thetaParam = new Parameter(tensor(p == 0 ? [0.0] : theta0, dtype: ScalarType.Float64));
        var nuParam = new Parameter(tensor(k == 0 ? [0.0] : nu0, dtype: ScalarType.Float64));
        var parameterLeaves = new List<Parameter>();
        if (options.FixedNu is null) parameterLeaves.Add(nuParam); else nuParam.requires_grad_(false);
        if (p > 0) parameterLeaves.Add(thetaParam);
        foreach (var q in doiParameters) q.requires_grad_(true);
        var lower = model.Spec.Pois.Select(x => x.Min).ToArray();
        var upper = model.Spec.Pois.Select(x => x.Max).ToArray();
        Tensor Theta() => p == 0 ? zeros(0, dtype: ScalarType.Float64) : thetaParam;
        Tensor Nu() => k == 0 ? zeros(0, dtype: ScalarType.Float64) : nuParam;
        void Clamp() => ClampPois(thetaParam, p, lower, upper);

        IReadOnlyList<double> history;
        int epochs, recoveries = 0;
        bool converged;
        double bestNll;
        try
        {
            if (options.FullBatch is { } lbfgs)
            {
                var fit = FullBatchFit(likelihood, data, [.. doiParameters, .. parameterLeaves], Theta, Nu, Clamp, lbfgs);
                (history, epochs, converged) = (fit.History, fit.History.Count, fit.Converged);
                bestNll = likelihood.Value(data, Values(thetaParam, p), Values(nuParam, k));
            }
            else
            {
                var trained = AdamWFit(model, likelihood, data, options, doiParameters, parameterLeaves, Theta, Nu, Clamp, () => likelihood.Value(data, Values(thetaParam, p), Values(nuParam, k)));
                (history, epochs, recoveries) = (trained.ValidationLoss, trained.EpochsRun, trained.NanRecoveries);
                converged = trained.EpochsSinceBest >= options.Patience;
                bestNll = trained.BestEpoch > 0 ? trained.BestLoss : double.PositiveInfinity;
            }
        }
        finally
        {
            model.Freeze();
        }
        double[] bestTheta = Values(thetaParam, p), bestNu = Values(nuParam, k);

        if (options.RefineParameters)
        {
            var refined = Minimizer.Minimize(likelihood.AsObjective(data), [.. bestTheta, .. bestNu], new MinimizeOptions
            {
                Fixed = [.. Enumerable.Repeat(false, p), .. Enumerable.Repeat(options.FixedNu is not null, k)],
                Lower = [.. lower, .. Enumerable.Repeat(double.NegativeInfinity, k)],
                Upper = [.. upper, .. Enumerable.Repeat(double.PositiveInfinity, k)],
            });
            if (refined.Value <= bestNll) (bestTheta, bestNu, bestNll) = (refined.Parameters[..p], refined.Parameters[p..], refined.Value);
        }
        if (options.FixedNu is null) model.NuHat = bestNu; // a fixed-nu refit is not the global fit the residual is centred on
        return new DoiFitResult(bestTheta, bestNu, bestNll, history, epochs, converged, recoveries);
    }

    // The minibatch fit on the one trainer: the DoI at its learning rate, (nu, theta) at theirs, the full-data NLL monitored
    // after every epoch; it ends on the best epoch's T and (theta, nu).
    private static TrainingResult AdamWFit(AnalysisModel model, MixtureLikelihood likelihood, EventData data, DoiFitOptions options,
        IReadOnlyList<Parameter> doiParameters, List<Parameter> parameterLeaves, Func<Tensor> theta, Func<Tensor> nu, Action clamp, Func<double> fullNll)
    {
        double n = data.Weights is null ? data.Count : data.Weights.to_type(ScalarType.Float64).sum().item<double>();
        var trainer = new TrainerOptions
        {
            Epochs = options.Epochs,
            BatchSize = options.BatchSize,
            LearningRate = options.DoiLearningRate,
            ValidationFraction = 0,
            Patience = options.Patience,
            MinImprovement = options.Tolerance,
            // Until a cosine schedule has decayed to a tenth (its last fifth of epochs), the epoch-to-epoch NLL moves by far
            // more than the tolerance (hundreds of units at 1e4 events and lr 1e-2): counted from the start, the fit stopped at
            // the first settled epoch and skipped the schedule's tail, which lowered a toy refit's NLL by about 8.
            PatienceStart = options.CosineDecay ? 0.8 : 0,
            CosineDecay = options.CosineDecay,
            WarmupFraction = 0,
            AlternateGroups = options.Alternating,
            Seed = options.Seed,
            Dtype = model.Options.Dtype,
            MaxNanRecoveries = options.MaxNanRecoveries,
            CheckpointPath = options.CheckpointPath,
            Progress = options.Progress,
        };
        List<ParameterGroup> groups = [new(doiParameters, options.DoiLearningRate)];
        if (parameterLeaves.Count > 0) groups.Add(new(parameterLeaves, options.NuisanceLearningRate));
        var columns = data.Weights is null ? new[] { data.X, data.Y } : new[] { data.X, data.Y, data.Weights };
        using var generator = new Generator((ulong)options.Seed);
        using var run = new TrainingRun(model, groups, new Training.TensorDataset(columns),
            batch => likelihood.MinibatchNll(batch[0], batch[1], batch.Length > 2 ? batch[2] : null, theta(), nu(), n),
            trainer, [generator], new TrainingHooks { Evaluate = fullNll, AfterUpdate = clamp });
        return run.Execute();
    }

    // Full-batch L-BFGS over the DoI's parameters and the free (theta, nu): the exact NLL and its gradient at every
    // evaluation, so the end point is converged and does not depend on a shuffle. POIs are clamped into their bounds.
    private static LbfgsResult FullBatchFit(MixtureLikelihood likelihood, EventData data, List<Parameter> leaves,
        Func<Tensor> theta, Func<Tensor> nu, Action clamp, LbfgsOptions lbfgs)
    {
        var sizes = leaves.Select(q => (int)q.numel()).ToArray();
        double[] Flatten(Func<Parameter, Tensor?> part) => leaves.SelectMany((q, i) => part(q) is { } t
            ? t.detach().to_type(ScalarType.Float64).contiguous().data<double>().ToArray() : new double[sizes[i]]).ToArray();
        void Load(double[] values)
        {
            using var _ = no_grad();
            int offset = 0;
            for (int i = 0; i < leaves.Count; i++)
            {
                using var v = tensor(values.AsSpan(offset, sizes[i]).ToArray(), dtype: ScalarType.Float64).view(leaves[i].shape).to_type(leaves[i].dtype);
                leaves[i].copy_(v);
                offset += sizes[i];
            }
            clamp();
        }
        (double, double[]) Evaluate(double[] values)
        {
            Load(values);
            foreach (var q in leaves) q.grad?.zero_();
            using var scope = NewDisposeScope();
            double value = likelihood.Evaluate(data, theta(), nu(), backward: true);
            return (value, Flatten(q => q.grad));
        }
        var result = Lbfgs.Minimize(Evaluate, Flatten(q => q), lbfgs);
        Load(result.X);
        return result;
    }

    private static void ClampPois(Parameter theta, int p, double[] lower, double[] upper)
    {
        if (p == 0) return;
        using var _ = no_grad();
        using var lo = tensor(lower, dtype: ScalarType.Float64);
        using var hi = tensor(upper, dtype: ScalarType.Float64);
        theta.copy_(theta.maximum(lo).minimum(hi));
    }

    private static double[] Values(Parameter t, int count) => count == 0 ? [] : t.detach().data<double>().ToArray();
}
