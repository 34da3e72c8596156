namespace FnfDsl.Training;

/// <summary>Thrown when training keeps producing non-finite losses or gradients after the allowed number of rollbacks.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>An exception with the given message.</summary>
    public TrainingDivergedException(string message) : base(message) { }
}
