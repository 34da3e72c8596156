using FnfDsl.Flows;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FnfDsl.Training;

/// <summary>The state of one <see cref="Trainer.Fit"/> call: optimizer, snapshots, schedule position and history.</summary>
/// <remarks>Owns the training and validation columns, the optimizer and the snapshots, and disposes them (not the generators).</remarks>
internal sealed class TrainingRun : IDisposable
{
    private readonly nn.Module module;
    private readonly List<Parameter> trained;
    private readonly TensorDataset train;
    private readonly TensorDataset? validation;
    private readonly Func<Tensor[], Tensor> batchLoss;
    private readonly TrainerOptions options;
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

    public TrainingRun(nn.Module module, List<Parameter> trained, TensorDataset train, TensorDataset? validation,
        Func<Tensor[], Tensor> batchLoss, TrainerOptions options, IReadOnlyList<Generator> generators)
    {
        this.module = module;
        this.trained = trained;
        this.train = train;
        this.validation = validation;
        this.batchLoss = batchLoss;
        this.options = options;
        // The first generator shuffles; all of them (the batch loss's too) are checkpointed.
        generator = generators[0];
        this.generators = generators;
        lastGood = new ParameterSnapshot(trained);
        best = new ParameterSnapshot(trained);
        optimizer = NewOptimizer();
        stepsPerEpoch = (int)((train.Count + options.BatchSize - 1) / options.BatchSize);
        totalSteps = (long)options.Epochs * stepsPerEpoch;
        warmupSteps = (long)Math.Round(options.WarmupFraction * totalSteps);
    }

    /// <summary>Runs the epochs, restores the best state and reports what happened.</summary>
    public TrainingResult Execute()
    {
        var trainHistory = new List<double>();
        var validationHistory = new List<double>();
        double bestLoss = double.PositiveInfinity, lastValidation = double.NaN;
        int bestEpoch = 0, epochsSinceBest = 0, startEpoch = 1;
        bool stoppedEarly = false;
        string? signature = options.CheckpointPath is null ? null : TrainingCheckpoint.Signature(trained, train.Count, validation?.Count ?? 0, options);
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
            if (validation is not null)
            {
                lastValidation = Chunking.Loss(batchLoss, validation.Columns.ToArray(), ChunkReduction.Mean, options.ChunkSize);
                validationHistory.Add(lastValidation);
                monitored = lastValidation;
            }
            trainHistory.Add(trainLoss);

            if (!double.IsFinite(monitored)) Recover($"the end of epoch {epoch}");
            else if (monitored < bestLoss)
            {
                (bestLoss, bestEpoch, epochsSinceBest) = (monitored, epoch, 0);
                best.Save();
            }
            else epochsSinceBest++;

            if (options.CheckpointPath is { } checkpoint)
                TrainingCheckpoint.Save(checkpoint, new TrainingCheckpointState(signature!, epoch, trainHistory.ToArray(), validationHistory.ToArray(),
                    bestLoss, bestEpoch, epochsSinceBest, lastValidation, lrFactor, recoveries, "", "", "", ""), trained, best, optimizer, generators);
            options.Progress?.Invoke(new TrainingProgress(epoch, options.Epochs, stepsPerEpoch, stepsPerEpoch, trainLoss, lastValidation,
                optimizer.ParamGroups.First().LearningRate, true));
            stoppedEarly = ShouldStop(epochsSinceBest, epoch);
        }

        if (bestEpoch > 0) best.Restore();
        return new TrainingResult(trainHistory, validationHistory, bestEpoch > 0 ? bestLoss : double.NaN, bestEpoch,
            trainHistory.Count, stoppedEarly, recoveries);
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
            double lr = options.LearningRate * lrFactor * LearningRateSchedule.Factor(globalStep, totalSteps, warmupSteps);
            foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
            double loss = Step(order, step);
            if (!double.IsFinite(loss))
            {
                Recover($"epoch {epoch}, step {step + 1}");
                continue;
            }
            lossSum += loss;
            finiteSteps++;
            options.Progress?.Invoke(new TrainingProgress(epoch, options.Epochs, step + 1, stepsPerEpoch, lossSum / finiteSteps, lastValidation, lr, false));
        }
        return finiteSteps > 0 ? lossSum / finiteSteps : double.NaN;
    }

    // One optimisation step in its own dispose scope; returns the batch loss, or a non-finite value (and no update) if the loss or gradient is not finite.
    private double Step(Tensor order, int step)
    {
        using var scope = NewDisposeScope();
        long start = (long)step * options.BatchSize;
        var batch = train.Slice(order.narrow(0, start, Math.Min(options.BatchSize, train.Count - start)));
        module.zero_grad();
        double loss = Chunking.AccumulateGradients(batchLoss, batch, ChunkReduction.Mean, options.ChunkSize);
        if (!double.IsFinite(loss)) return loss;
        double gradientNorm = options.GradClipNorm is { } clip ? nn.utils.clip_grad_norm_(trained, clip) : GradientNorm();
        if (!double.IsFinite(gradientNorm)) return double.NaN;
        lastGood.Save();
        optimizer.step();
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

    private OptimizerHelper NewOptimizer() => optim.AdamW(trained, lr: options.LearningRate, weight_decay: options.WeightDecay);

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
        foreach (var c in train.Columns.Concat(validation?.Columns ?? Array.Empty<Tensor>())) c.Dispose();
    }
}
