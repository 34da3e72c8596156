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
    /// <param name="module">The module whose parameters are trained.</param>
    /// <param name="data">The events, one tensor per column.</param>
    /// <param name="batchLoss">A batch's mean loss from its column slices.</param>
    /// <param name="options">Epochs, batch, learning rate, validation, checkpoints.</param>
    /// <param name="parameters">The parameters to train (default: all that require grad).</param>
    /// <param name="generators">
    /// Generators <paramref name="batchLoss"/> draws from (e.g. a nu per event): checkpoints keep their states, so that a
    /// resumed run draws what the uninterrupted one would have.
    /// </param>
    public static TrainingResult Fit(nn.Module module, TensorDataset data, Func<Tensor[], Tensor> batchLoss,
        TrainerOptions options, IEnumerable<Parameter>? parameters = null, IReadOnlyList<Generator>? generators = null)
    {
        options.Validate();
        var names = TrainedNames(module, parameters);
        module.to(options.Dtype);
        var trained = module.named_parameters().Where(np => names.Contains(np.name)).Select(np => np.parameter).ToList();
        module.train();

        using var generator = new Generator((ulong)options.Seed);
        var (train, validation) = Split(data, options, generator);
        try
        {
            var hooks = validation is null ? null : new TrainingHooks
            {
                Evaluate = () => Chunking.Loss(batchLoss, validation.Columns.ToArray(), ChunkReduction.Mean, options.ChunkSize),
                EvaluationEvents = validation.Count,
            };
            using var run = new TrainingRun(module, [new ParameterGroup(trained, options.LearningRate)], train, batchLoss, options, [generator, .. generators ?? []], hooks);
            return run.Execute();
        }
        finally
        {
            foreach (var c in train.Columns.Concat(validation?.Columns ?? [])) c.Dispose();
        }
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
