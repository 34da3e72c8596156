using FnfDsl.Flows;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FnfDsl.Training;

/// <summary>
/// The one training engine: AdamW over parameter groups in shuffled minibatches, with a per-step learning-rate schedule,
/// NaN rollback and back-off, the best epoch kept, early stopping and atomic checkpoints. <see cref="Trainer.Fit"/> and the
/// step-1 DoI fit are its clients.
/// </summary>
/// <remarks>Owns the optimizer and the snapshots, and disposes them (not the data, not the generators).</remarks>
internal sealed class TrainingRun : IDisposable
{
    private readonly nn.Module? module;
    private readonly IReadOnlyList<ParameterGroup> groups;
    private readonly List<Parameter> trained;
    private readonly TensorDataset train;
    private readonly Func<Tensor[], Tensor> batchLoss;
    private readonly TrainerOptions options;
    private readonly TrainingHooks hooks;
    private readonly Generator generator;
    private readonly IReadOnlyList<Generator> generators;
    private readonly ParameterSnapshot lastGood;
    private readonly ParameterSnapshot best;
    private readonly int stepsPerEpoch;
    private readonly long totalSteps;
    private readonly long warmupSteps;
    private OptimizerHelper optimizer;
    private double lrFactor = 1.0;
    private int recoveries;

    /// <param name="module">The module whose gradients are zeroed before each step (null: only the trained parameters').</param>
    /// <param name="groups">The trained parameters, each group at its own learning rate.</param>
    /// <param name="train">The training events; the first generator shuffles them every epoch.</param>
    /// <param name="batchLoss">A batch's mean loss from its column slices.</param>
    /// <param name="options">Epochs, batch, schedule, patience, NaN handling, checkpoints (the groups' learning rates replace <see cref="TrainerOptions.LearningRate"/>).</param>
    /// <param name="generators">The shuffling generator first, then any the batch loss draws from; checkpoints keep all their states.</param>
    /// <param name="hooks">Epoch evaluation and post-update projection.</param>
    public TrainingRun(nn.Module? module, IReadOnlyList<ParameterGroup> groups, TensorDataset train, Func<Tensor[], Tensor> batchLoss,
        TrainerOptions options, IReadOnlyList<Generator> generators, TrainingHooks? hooks = null)
    {
        options.Validate();
        if (groups.Count == 0 || groups.Any(g => g.Parameters.Count == 0)) throw new ArgumentException("Every parameter group needs parameters.", nameof(groups));
        this.module = module;
        this.groups = groups;
        trained = groups.SelectMany(g => g.Parameters).ToList();
        this.train = train;
        this.batchLoss = batchLoss;
        this.options = options;
        this.hooks = hooks ?? new TrainingHooks();
        generator = generators[0];
        this.generators = generators;
        lastGood = new ParameterSnapshot(trained);
        best = new ParameterSnapshot(trained);
        optimizer = NewOptimizer();
        stepsPerEpoch = (int)((train.Count + options.BatchSize - 1) / options.BatchSize);
        totalSteps = (long)options.Epochs * stepsPerEpoch;
        warmupSteps = (long)Math.Round(options.WarmupFraction * totalSteps);
    }

    /// <summary>Runs the epochs and reports what happened; the parameters end on the best epoch's, even if the run throws.</summary>
    public TrainingResult Execute()
    {
        var trainHistory = new List<double>();
        var validationHistory = new List<double>();
        double bestLoss = double.PositiveInfinity, lastValidation = double.NaN;
        int bestEpoch = 0, epochsSinceBest = 0, startEpoch = 1;
        bool stoppedEarly = false;
        string? signature = options.CheckpointPath is null ? null
            : TrainingCheckpoint.Signature(groups, train.Count, hooks.EvaluationEvents, options);
        try
        {
            if (options.CheckpointPath is { } path && TrainingCheckpoint.TryLoad(path, signature!, trained, best, optimizer, generators) is { } state)
            {
                trainHistory.AddRange(state.TrainLoss);
                validationHistory.AddRange(state.ValidationLoss);
                (bestLoss, bestEpoch, epochsSinceBest, lastValidation, lrFactor, recoveries, startEpoch) =
                    (state.BestLoss, state.BestEpoch, state.EpochsSinceBest, state.LastValidation, state.LearningRateFactor, state.Recoveries, state.Epoch + 1);
                stoppedEarly = ShouldStop(epochsSinceBest, state.Epoch);
            }

            for (int epoch = startEpoch; epoch <= options.Epochs && !stoppedEarly; epoch++)
            {
                double trainLoss = Epoch(epoch, lastValidation);
                double monitored = trainLoss;
                if (hooks.Evaluate is { } evaluate)
                {
                    lastValidation = evaluate();
                    validationHistory.Add(lastValidation);
                    monitored = lastValidation;
                }
                trainHistory.Add(trainLoss);

                if (!double.IsFinite(monitored)) Recover($"the end of epoch {epoch}");
                else
                {
                    bool settled = epoch >= options.PatienceStart * options.Epochs;
                    epochsSinceBest = monitored < bestLoss - options.MinImprovement || !settled ? 0 : epochsSinceBest + 1;
                    if (monitored < bestLoss)
                    {
                        (bestLoss, bestEpoch) = (monitored, epoch);
                        best.Save();
                    }
                }

                if (options.CheckpointPath is { } checkpoint)
                    TrainingCheckpoint.Save(checkpoint, new TrainingCheckpointState(signature!, epoch, trainHistory.ToArray(), validationHistory.ToArray(),
                        bestLoss, bestEpoch, epochsSinceBest, lastValidation, lrFactor, recoveries, "", "", "", ""), trained, best, optimizer, generators);
                options.Progress?.Invoke(new TrainingProgress(epoch, options.Epochs, stepsPerEpoch, stepsPerEpoch, trainLoss, lastValidation,
                    optimizer.ParamGroups.First().LearningRate, true));
                stoppedEarly = ShouldStop(epochsSinceBest, epoch);
            }
        }
        finally
        {
            // A killed or diverged run leaves the best state too: what its last checkpoint would resume to with no epoch left.
            if (bestEpoch > 0) best.Restore();
        }
        return new TrainingResult(trainHistory, validationHistory, bestEpoch > 0 ? bestLoss : double.NaN, bestEpoch,
            trainHistory.Count, stoppedEarly, recoveries, epochsSinceBest);
    }

    // Early stopping: the monitored loss has not improved for the patience, and epochs remain.
    private bool ShouldStop(int epochsSinceBest, int epoch) => options.Patience is { } patience && epochsSinceBest >= patience && epoch < options.Epochs;

    // One pass over the shuffled training events; returns the mean loss of its finite steps.
    private double Epoch(int epoch, double lastValidation)
    {
        using var order = randperm(train.Count, generator: generator);
        double lossSum = 0;
        int finiteSteps = 0;
        for (int step = 0; step < stepsPerEpoch; step++)
        {
            long globalStep = (long)(epoch - 1) * stepsPerEpoch + step;
            double schedule = options.CosineDecay ? LearningRateSchedule.Factor(globalStep, totalSteps, warmupSteps) : 1.0;
            var optimizerGroups = optimizer.ParamGroups.ToList();
            for (int g = 0; g < groups.Count; g++) optimizerGroups[g].LearningRate = groups[g].LearningRate * lrFactor * schedule;
            double loss = Step(order, step);
            if (!double.IsFinite(loss))
            {
                Recover($"epoch {epoch}, step {step + 1}");
                continue;
            }
            lossSum += loss;
            finiteSteps++;
            options.Progress?.Invoke(new TrainingProgress(epoch, options.Epochs, step + 1, stepsPerEpoch, lossSum / finiteSteps, lastValidation,
                optimizerGroups[0].LearningRate, false));
        }
        return finiteSteps > 0 ? lossSum / finiteSteps : double.NaN;
    }

    // One optimisation step in its own dispose scope; returns the batch loss, or a non-finite value (and no update) if the loss or gradient is not finite.
    private double Step(Tensor order, int step)
    {
        using var scope = NewDisposeScope();
        long start = (long)step * options.BatchSize;
        var batch = train.Slice(order.narrow(0, start, Math.Min(options.BatchSize, train.Count - start)));
        module?.zero_grad();
        optimizer.zero_grad();
        double loss = Chunking.AccumulateGradients(batchLoss, batch, ChunkReduction.Mean, options.ChunkSize);
        if (!double.IsFinite(loss)) return loss;
        if (options.AlternateGroups)
            for (int g = 0; g < groups.Count; g++)
                if (g != step % groups.Count)
                    foreach (var p in groups[g].Parameters) p.grad?.zero_();
        double gradientNorm = options.GradClipNorm is { } clip ? nn.utils.clip_grad_norm_(trained, clip) : GradientNorm();
        if (!double.IsFinite(gradientNorm)) return double.NaN;
        lastGood.Save();
        optimizer.step();
        hooks.AfterUpdate?.Invoke();
        return loss;
    }

    // Roll back to the last state with a finite loss and gradient, with fresh Adam moments (they may hold the bad gradient) and a lower learning rate.
    private void Recover(string where)
    {
        recoveries++;
        if (recoveries > options.MaxNanRecoveries)
            throw new TrainingDivergedException(
                $"Non-finite loss or gradient at {where}: gave up after {options.MaxNanRecoveries} rollbacks with learning-rate back-off {options.NanLrBackoff}.");
        lastGood.Restore();
        lrFactor *= options.NanLrBackoff;
        optimizer.Dispose();
        optimizer = NewOptimizer();
    }

    private OptimizerHelper NewOptimizer() => optim.AdamW(groups.Select(g =>
        new AdamW.ParamGroup(g.Parameters, new AdamW.Options { LearningRate = g.LearningRate, weight_decay = options.WeightDecay })).ToList());

    private double GradientNorm()
    {
        using var scope = NewDisposeScope();
        var squares = trained.Select(p => p.grad).Where(g => g is not null).Select(g => g!.square().sum()).ToArray();
        return squares.Length == 0 ? 0.0 : stack(squares).sum().sqrt().ToDouble();
    }

    public void Dispose()
    {
        optimizer.Dispose();
        lastGood.Dispose();
        best.Dispose();
    }
}
