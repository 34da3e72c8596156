namespace FnfDsl.Pipeline.Configuration;

/// <summary>Schedule of the step-1 global fit of the DoI and the nuisances (method.md section 4).</summary>
/// <param name="Epochs">Passes over the data.</param>
/// <param name="BatchSize">Data events per optimiser step.</param>
/// <param name="LearningRate">Learning rate of the DoI parameters.</param>
/// <param name="NuLearningRate">Learning rate of the nuisances, higher than the DoI's so that nu follows the shape.</param>
public sealed record FitSettings(int Epochs, int BatchSize, double LearningRate, double NuLearningRate);
