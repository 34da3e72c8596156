using FnfDsl.Training;

namespace FnfDsl.Analysis;

/// <summary>How the amortized residual DoI draws the nu of each training event.</summary>
public enum NuSampling
{
    /// <summary>Each event gets its own nu, uniform in the box (the paper's choice).</summary>
    Uniform,

    /// <summary>Every batch is averaged over a Gauss-Legendre grid of the box (deterministic; costs points^K evaluations).</summary>
    Quadrature,
}

/// <summary>Settings of the step-2 amortized training (method.md section 4).</summary>
public sealed record AmortizedOptions
{
    /// <summary>Training settings of the residual's heads (epochs, batch, learning rate, validation, progress).</summary>
    /// <remarks>
    /// The profile is a difference of NLLs over the whole dataset, so R must be right to about 1e-4 per event: large
    /// batches (each event with its own nu, the draw noise averaged over thousands of events) and a long cosine decay.
    /// Like the step-1 DoI, R is fitted to all the data it profiles: no validation split.
    /// </remarks>
    public TrainerOptions Trainer { get; init; } = new() { Epochs = 300, BatchSize = 8192, LearningRate = 1e-2, ValidationFraction = 0 };

    /// <summary>How nu is drawn for each event.</summary>
    public NuSampling Sampling { get; init; } = NuSampling.Uniform;

    /// <summary>
    /// Also keep training the step-1 DoI T_hat under R (still the identity at nu_hat). R adds capacity at nu != nu_hat;
    /// without this, what the frozen T_hat left unfitted is recovered only away from nu_hat and drags the profile there.
    /// </summary>
    public bool FineTuneDoi { get; init; }

    /// <summary>Nodes per nuisance of the quadrature grid.</summary>
    public int QuadraturePoints { get; init; } = 3;
}
