namespace FnfDsl.Pipeline.Configuration;

/// <summary>Schedule of one AdamW training.</summary>
/// <param name="Epochs">Passes over the training sample.</param>
/// <param name="BatchSize">Events per optimiser step.</param>
/// <param name="LearningRate">Peak learning rate.</param>
public sealed record TrainingSettings(int Epochs, int BatchSize, double LearningRate);
