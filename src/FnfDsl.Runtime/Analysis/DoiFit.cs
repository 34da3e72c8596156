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
        var densities = model.DataDensities(amortized: false);
        var likelihood = model.Likelihood(densities);
        var mixture = model.Mixture;
        int p = mixture.PoiCount, k = mixture.NuisanceCount;
        var doiParameters = model.DoiParameters();
        if (doiParameters.Count == 0) throw new InvalidOperationException("The DoI has no parameters to fit.");

        if (options.FullBatch is not null && options.CheckpointPath is not null)
            throw new ArgumentException("A full-batch (L-BFGS) DoI fit does not write checkpoints; set CheckpointPath or FullBatch, not both.", nameof(options));
        if (options.FixedNu is { } fixedNu && fixedNu.Length != k)
            throw new ArgumentException($"FixedNu has {fixedNu.Length} values; the analysis has {k} nuisances ({string.Join(", ", model.NuisanceNames)}).", nameof(options));
        double[] theta = model.Spec.Pois.Select(x => x.Initial).ToArray(), nu = options.FixedNu is { } f0 ? (double[])f0.Clone() : new double[k];
        var history = new List<double>();
        double bestNll = double.PositiveInfinity, lrFactor = 1.0;
        double[] bestTheta = theta, bestNu = nu;
        int startEpoch = 1, recoveries = 0, sinceImprovement = 0;
        var resumed = options.CheckpointPath is { } cp ? FitCheckpoint.TryLoad(model, cp) : null;
        if (resumed is { } state)
        {
            (startEpoch, theta, nu, bestNll, bestTheta, bestNu, recoveries, lrFactor, sinceImprovement) =
                (state.Epoch + 1, state.Theta, state.Nu, state.BestNll, state.BestTheta, state.BestNu, state.NanRecoveries, state.LearningRateFactor, state.SinceImprovement);
            history.AddRange(state.History);
        }

        var thetaParam = new Parameter(tensor(p == 0 ? [0.0] : theta, dtype: ScalarType.Float64));
        var nuParam = new Parameter(tensor(k == 0 ? [0.0] : nu, dtype: ScalarType.Float64));
        var parameterLeaves = new List<Parameter>();
        if (options.FixedNu is null) parameterLeaves.Add(nuParam); else nuParam.requires_grad_(false);
        if (p > 0) parameterLeaves.Add(thetaParam);
        foreach (var q in doiParameters) q.requires_grad_(true);
        var lower = model.Spec.Pois.Select(x => x.Min).ToArray();
        var upper = model.Spec.Pois.Select(x => x.Max).ToArray();

        using var generator = new Generator((ulong)options.Seed);
        // A resumed fit draws the shuffles the completed epochs drew, so that its epochs see the uninterrupted fit's batches.
        for (int e = 1; e < startEpoch; e++) randperm(data.Count, generator: generator).Dispose();
        using var lastGood = new ParameterSnapshot(doiParameters.Concat(parameterLeaves).ToList());
        using var best = new ParameterSnapshot(doiParameters.ToList());
        if (resumed is not null) FitCheckpoint.LoadBest(options.CheckpointPath!, best);
        int epoch = startEpoch - 1;
        bool converged = false;
        double n = data.Weights is null ? data.Count : data.Weights.to_type(ScalarType.Float64).sum().item<double>();
        if (options.FullBatch is { } lbfgs)
        {
            var fit = FullBatchFit(likelihood, data, doiParameters, parameterLeaves, thetaParam, nuParam, p, k, lower, upper, lbfgs);
            model.Freeze();
            (theta, nu) = (Values(thetaParam, p), Values(nuParam, k));
            (bestTheta, bestNu, bestNll) = (theta, nu, likelihood.Value(data, theta, nu));
            history.AddRange(fit.History);
            (epoch, converged) = (fit.History.Count, fit.Converged);
        }
        else
        {
            var optimizer = NewOptimizer(doiParameters, parameterLeaves, options, lrFactor);
            if (resumed is not null) FitCheckpoint.LoadOptimizer(options.CheckpointPath!, optimizer);
            int stepsPerEpoch = (int)((data.Count + options.BatchSize - 1) / options.BatchSize);
            try
            {
                for (epoch = startEpoch; epoch <= options.Epochs; epoch++)
                {
                    using var order = randperm(data.Count, generator: generator);
                    double lossSum = 0;
                    int steps = 0;
                    for (int s = 0; s < stepsPerEpoch; s++)
                    {
                        double schedule = options.CosineDecay
                            ? LearningRateSchedule.Factor((long)(epoch - 1) * stepsPerEpoch + s, (long)options.Epochs * stepsPerEpoch, 0) : 1.0;
                        var groups = optimizer.ParamGroups.ToList();
                        groups[0].LearningRate = options.DoiLearningRate * lrFactor * schedule;
                        if (groups.Count > 1) groups[1].LearningRate = options.NuisanceLearningRate * lrFactor * schedule;
                        double loss = Step(likelihood, mixture, data, order, s, options, n, thetaParam, nuParam, p, k, doiParameters, parameterLeaves, optimizer);
                        if (!double.IsFinite(loss))
                        {
                            if (++recoveries > options.MaxNanRecoveries)
                                throw new TrainingDivergedException($"The DoI fit gave a non-finite loss {recoveries} times (epoch {epoch}, step {s + 1}); last: {loss}.");
                            lastGood.Restore();
                            lrFactor *= 0.5;
                            optimizer.Dispose();
                            optimizer = NewOptimizer(doiParameters, parameterLeaves, options, lrFactor);
                            continue;
                        }
                        ClampPois(thetaParam, p, lower, upper);
                        lastGood.Save();
                        lossSum += loss; steps++;
                        options.Progress?.Invoke(new TrainingProgress(epoch, options.Epochs, s + 1, stepsPerEpoch, lossSum / steps, double.NaN, options.DoiLearningRate * lrFactor, false));
                    }

                    theta = Values(thetaParam, p); nu = Values(nuParam, k);
                    double nll = likelihood.Value(data, theta, nu);
                    history.Add(nll);
                    options.Progress?.Invoke(new TrainingProgress(epoch, options.Epochs, stepsPerEpoch, stepsPerEpoch, lossSum / Math.Max(steps, 1), nll, options.DoiLearningRate * lrFactor, true));
                    // Until a cosine schedule has decayed to a tenth (its last fifth of epochs), the epoch-to-epoch NLL moves by far
                    // more than the tolerance (hundreds of units at 1e4 events and lr 1e-2): a pause there is noise, not convergence,
                    // so the patience counts settled epochs only (counted from the start, the fit stopped at the first settled
                    // epoch and skipped the schedule's tail, which lowered a toy refit's NLL by about 8).
                    bool settled = !options.CosineDecay || 5 * epoch >= 4 * options.Epochs;
                    if (nll < bestNll - options.Tolerance || !settled) sinceImprovement = 0; else sinceImprovement++;
                    if (nll < bestNll) { bestNll = nll; bestTheta = theta; bestNu = nu; best.Save(); }
                    if (options.CheckpointPath is { } path)
                        FitCheckpoint.Save(model, path, new FitCheckpointState(epoch, theta, nu, history.ToArray(), bestNll, bestTheta, bestNu, recoveries, lrFactor, "", sinceImprovement), best, optimizer);
                    if (settled && sinceImprovement >= options.Patience) { converged = true; break; }
                }
            }
            finally
            {
                optimizer.Dispose();
                best.Restore();
                model.Freeze();
            }
        }

        if (options.RefineParameters)
        {
            var objective = likelihood.AsObjective(data);
            var refined = Minimizer.Minimize(objective, [.. bestTheta, .. bestNu], new MinimizeOptions
            {
                Fixed = [.. Enumerable.Repeat(false, p), .. Enumerable.Repeat(options.FixedNu is not null, k)],
                Lower = [.. lower, .. Enumerable.Repeat(double.NegativeInfinity, k)],
                Upper = [.. upper, .. Enumerable.Repeat(double.PositiveInfinity, k)],
            });
            if (refined.Value <= bestNll)
            {
                bestTheta = refined.Parameters[..p];
                bestNu = refined.Parameters[p..];
                bestNll = refined.Value;
            }
        }
        if (options.FixedNu is null) model.NuHat = bestNu; // a fixed-nu refit is not the global fit the residual is centred on
        return new DoiFitResult(bestTheta, bestNu, bestNll, history, options.FullBatch is null ? Math.Min(epoch, options.Epochs) : epoch, converged, recoveries);
    }

    // Full-batch L-BFGS over the DoI's parameters and the free (theta, nu): the exact NLL and its gradient at every
    // evaluation, so the end point is converged and does not depend on a shuffle. POIs are clamped into their bounds.
    private static LbfgsResult FullBatchFit(MixtureLikelihood likelihood, EventData data, IReadOnlyList<Parameter> doiParameters, List<Parameter> parameterLeaves,
        Parameter thetaParam, Parameter nuParam, int p, int k, double[] lower, double[] upper, LbfgsOptions lbfgs)
    {
        var leaves = doiParameters.Concat(parameterLeaves).ToList();
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
            ClampPois(thetaParam, p, lower, upper);
        }
        (double, double[]) Evaluate(double[] values)
        {
            Load(values);
            foreach (var q in leaves) q.grad?.zero_();
            using var scope = NewDisposeScope();
            Tensor theta = p == 0 ? zeros(0, dtype: ScalarType.Float64) : thetaParam;
            Tensor nu = k == 0 ? zeros(0, dtype: ScalarType.Float64) : nuParam;
            double value = likelihood.Evaluate(data, theta, nu, backward: true);
            return (value, Flatten(q => q.grad));
        }
        var result = Lbfgs.Minimize(Evaluate, Flatten(q => q), lbfgs);
        Load(result.X);
        return result;
    }

    private static double Step(MixtureLikelihood likelihood, MixtureModel mixture, EventData data, Tensor order, int s, DoiFitOptions options, double n,
        Parameter thetaParam, Parameter nuParam, int p, int k, IReadOnlyList<Parameter> doiParameters, List<Parameter> parameterLeaves, OptimizerHelper optimizer)
    {
        using var scope = NewDisposeScope();
        long start = (long)s * options.BatchSize;
        long length = Math.Min(options.BatchSize, data.Count - start);
        Tensor index = order.narrow(0, start, length);
        Tensor x = data.X.index_select(0, index), y = data.Y.index_select(0, index);
        Tensor theta = p == 0 ? zeros(0, dtype: ScalarType.Float64) : thetaParam;
        Tensor nu = k == 0 ? zeros(0, dtype: ScalarType.Float64) : nuParam;

        optimizer.zero_grad();
        Tensor yields = mixture.Yields(theta, nu);
        var logDensities = likelihood.Densities.LogDensities(x, y, nu.to_type(y.dtype));
        Tensor perEvent = MixtureLikelihood.EventLogLikelihood(yields, logDensities, likelihood.Mode);
        if (data.Weights is not null) perEvent = perEvent.mul(data.Weights.index_select(0, index).to_type(ScalarType.Float64));
        Tensor global = mixture.Constraint(nu);
        if (likelihood.Mode == LikelihoodMode.Joint) global = global.add(yields.sum());
        Tensor loss = global.div(n).sub(perEvent.sum().div(length));
        double value = loss.item<double>();
        if (!double.IsFinite(value)) return value;
        loss.backward();
        // Alternating updates: odd steps move T only, even steps (theta, nu) only.
        if (options.Alternating)
            foreach (var q in s % 2 == 0 ? parameterLeaves : doiParameters) q.grad?.zero_();
        if (doiParameters.Concat(parameterLeaves).Any(q => q.grad is { } g && !g.isfinite().all().item<bool>())) return double.NaN;
        optimizer.step();
        return value;
    }

    private static OptimizerHelper NewOptimizer(IReadOnlyList<Parameter> doi, List<Parameter> leaves, DoiFitOptions o, double factor)
    {
        var groups = new List<AdamW.ParamGroup> { new(doi, new AdamW.Options { LearningRate = o.DoiLearningRate * factor, weight_decay = 0 }) };
        if (leaves.Count > 0) groups.Add(new(leaves, new AdamW.Options { LearningRate = o.NuisanceLearningRate * factor, weight_decay = 0 }));
        return optim.AdamW(groups);
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
