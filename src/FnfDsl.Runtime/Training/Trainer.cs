using FnfDsl.Flows;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FnfDsl.Training;

/// <summary>Minibatch AdamW training of any module against a per-batch mean loss, with validation, early stopping and NaN rollback.</summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="parameters"/> (default: every parameter of <paramref name="module"/> that requires grad) to
    /// minimise <paramref name="batchLoss"/>, which receives a batch's column slices and returns the batch's scalar mean loss.
    /// </summary>
    /// <remarks>
    /// The module and the floating-point columns are converted to <see cref="TrainerOptions.Dtype"/> (the conversion may
    /// replace Parameter objects; <paramref name="parameters"/> are matched by name). Events are split into training and
    /// validation sets and shuffled each epoch with a generator seeded by <see cref="TrainerOptions.Seed"/>. The learning
    /// rate follows <see cref="LearningRateSchedule"/> per step. A non-finite loss or gradient rolls the parameters back to
    /// the last state whose loss and gradient were finite, rebuilds the optimizer, and multiplies the learning rate by
    /// <see cref="TrainerOptions.NanLrBackoff"/>. At the end the module holds the parameters of the best epoch (lowest
    /// validation loss, or training loss without a validation set).
    /// </remarks>
    public static TrainingResult Fit(nn.Module module, TensorDataset data, Func<Tensor[], Tensor> batchLoss,
        TrainerOptions options, IEnumerable<Parameter>? parameters = null)
    {
        options.Validate();
        var names = TrainedNames(module, parameters);
        module.to(options.Dtype);
        var trained = module.named_parameters().Where(np => names.Contains(np.name)).Select(np => np.parameter).ToList();
        module.train();

        using var generator = new Generator((ulong)options.Seed);
        var (train, validation) = Split(data, options, generator);
        using var lastGood = new ParameterSnapshot(trained);
        using var best = new ParameterSnapshot(trained);
        var optimizer = NewOptimizer(trained, options);
        try
        {
            return Run(module, train, validation, batchLoss, options, trained, generator, lastGood, best, ref optimizer);
        }
        finally
        {
            optimizer.Dispose();
            foreach (var c in train.Columns.Concat(validation?.Columns ?? Array.Empty<Tensor>())) c.Dispose();
        }
    }

    private static TrainingResult Run(nn.Module module, TensorDataset train, TensorDataset? validation, Func<Tensor[], Tensor> batchLoss,
        TrainerOptions options, List<Parameter> trained, Generator generator, ParameterSnapshot lastGood, ParameterSnapshot best, ref OptimizerHelper optimizer)
    {
        int stepsPerEpoch = (int)((train.Count + options.BatchSize - 1) / options.BatchSize);
        long totalSteps = (long)options.Epochs * stepsPerEpoch;
        long warmupSteps = (long)Math.Round(options.WarmupFraction * totalSteps);
        var trainHistory = new List<double>();
        var validationHistory = new List<double>();
        double bestLoss = double.PositiveInfinity, lastValidation = double.NaN, lrFactor = 1.0;
        int bestEpoch = 0, recoveries = 0, epochsSinceBest = 0;
        bool stoppedEarly = false;
        long globalStep = 0;

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            using var order = randperm(train.Count, generator: generator);
            double lossSum = 0;
            int finiteSteps = 0;
            for (int step = 0; step < stepsPerEpoch; step++, globalStep++)
            {
                double lr = options.LearningRate * lrFactor * LearningRateSchedule.Factor(globalStep, totalSteps, warmupSteps);
                foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
                double loss = Step(module, train, order, step, batchLoss, options, trained, lastGood, optimizer);
                if (!double.IsFinite(loss))
                {
                    Recover(ref recoveries, ref lrFactor, $"epoch {epoch}, step {step + 1}", options, trained, lastGood, ref optimizer);
                    continue;
                }
                lossSum += loss;
                finiteSteps++;
                options.Progress?.Invoke(new TrainingProgress(epoch, options.Epochs, step + 1, stepsPerEpoch, lossSum / finiteSteps, lastValidation, lr, false));
            }

            double trainLoss = finiteSteps > 0 ? lossSum / finiteSteps : double.NaN;
            double monitored = trainLoss;
            if (validation is not null)
            {
                lastValidation = Chunking.Loss(batchLoss, validation.Columns.ToArray(), ChunkReduction.Mean, options.ChunkSize);
                validationHistory.Add(lastValidation);
                monitored = lastValidation;
            }
            trainHistory.Add(trainLoss);
            if (!double.IsFinite(monitored))
                Recover(ref recoveries, ref lrFactor, $"the end of epoch {epoch}", options, trained, lastGood, ref optimizer);
            else if (monitored < bestLoss)
            {
                (bestLoss, bestEpoch, epochsSinceBest) = (monitored, epoch, 0);
                best.Save();
            }
            else epochsSinceBest++;

            options.Progress?.Invoke(new TrainingProgress(epoch, options.Epochs, stepsPerEpoch, stepsPerEpoch, trainLoss, lastValidation,
                optimizer.ParamGroups.First().LearningRate, true));
            if (options.Patience is { } patience && epochsSinceBest >= patience && epoch < options.Epochs)
            {
                stoppedEarly = true;
                break;
            }
        }

        if (bestEpoch > 0) best.Restore();
        return new TrainingResult(trainHistory, validationHistory, bestEpoch > 0 ? bestLoss : double.NaN, bestEpoch,
            trainHistory.Count, stoppedEarly, recoveries);
    }

    // One optimisation step in its own dispose scope; returns the batch loss, or a non-finite value (and no update) if the loss or gradient is not finite.
    private static double Step(nn.Module module, TensorDataset train, Tensor order, int step, Func<Tensor[], Tensor> batchLoss,
        TrainerOptions options, List<Parameter> trained, ParameterSnapshot lastGood, OptimizerHelper optimizer)
    {
        using var scope = NewDisposeScope();
        long start = (long)step * options.BatchSize;
        var batch = train.Slice(order.narrow(0, start, Math.Min(options.BatchSize, train.Count - start)));
        module.zero_grad();
        double loss = Chunking.AccumulateGradients(batchLoss, batch, ChunkReduction.Mean, options.ChunkSize);
        if (!double.IsFinite(loss)) return loss;
        double gradientNorm = options.GradClipNorm is { } clip ? nn.utils.clip_grad_norm_(trained, clip) : GradientNorm(trained);
        if (!double.IsFinite(gradientNorm)) return double.NaN;
        lastGood.Save();
        optimizer.step();
        return loss;
    }

    private static void Recover(ref int recoveries, ref double lrFactor, string where, TrainerOptions options,
        List<Parameter> trained, ParameterSnapshot lastGood, ref OptimizerHelper optimizer)
    {
        recoveries++;
        if (recoveries > options.MaxNanRecoveries)
            throw new TrainingDivergedException(
                $"Non-finite loss or gradient at {where}: gave up after {options.MaxNanRecoveries} rollbacks with learning-rate back-off {options.NanLrBackoff}.");
        lastGood.Restore();
        lrFactor *= options.NanLrBackoff;
        // Adam's moment estimates may hold the bad gradient: start them afresh.
        optimizer.Dispose();
        optimizer = NewOptimizer(trained, options);
    }

    private static OptimizerHelper NewOptimizer(List<Parameter> trained, TrainerOptions options) =>
        optim.AdamW(trained, lr: options.LearningRate, weight_decay: options.WeightDecay);

    private static double GradientNorm(List<Parameter> trained)
    {
        using var scope = NewDisposeScope();
        var squares = trained.Select(p => p.grad).Where(g => g is not null).Select(g => g!.square().sum()).ToArray();
        return squares.Length == 0 ? 0.0 : stack(squares).sum().sqrt().ToDouble();
    }

    private static HashSet<string> TrainedNames(nn.Module module, IEnumerable<Parameter>? parameters)
    {
        var all = module.named_parameters().ToList();
        HashSet<string> names;
        if (parameters is null)
            names = all.Where(np => np.parameter.requires_grad).Select(np => np.name).ToHashSet();
        else
        {
            names = new HashSet<string>();
            foreach (var p in parameters)
            {
                var match = all.FirstOrDefault(np => ReferenceEquals(np.parameter, p));
                if (match.name is null) throw new ArgumentException("A parameter to train does not belong to the module.", nameof(parameters));
                names.Add(match.name);
            }
        }
        if (names.Count == 0) throw new ArgumentException("There are no parameters to train.", nameof(parameters));
        return names;
    }

    // Seeded split into training and validation events, with floating-point columns converted to the training dtype.
    private static (TensorDataset Train, TensorDataset? Validation) Split(TensorDataset data, TrainerOptions options, Generator generator)
    {
        long count = data.Count;
        long validationCount = (long)Math.Round(options.ValidationFraction * count);
        if (options.ValidationFraction > 0) validationCount = Math.Max(1, validationCount);
        if (count - validationCount < 1)
            throw new ArgumentException($"The dataset has {count} events: too few to hold out {options.ValidationFraction:P0} for validation and still train.", nameof(data));
        using var scope = NewDisposeScope();
        var permutation = randperm(count, generator: generator);
        TensorDataset Take(long start, long length)
        {
            var index = permutation.narrow(0, start, length);
            return new TensorDataset(data.Columns.Select(c =>
            {
                var rows = c.index_select(0, index);
                var converted = rows.is_floating_point() && rows.dtype != options.Dtype ? rows.to_type(options.Dtype) : rows;
                return converted.DetachFromDisposeScope();
            }).ToArray());
        }
        var validation = validationCount > 0 ? Take(0, validationCount) : null;
        return (Take(validationCount, count - validationCount), validation);
    }
}
