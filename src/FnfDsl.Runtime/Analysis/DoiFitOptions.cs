using FnfDsl.Training;

namespace FnfDsl.Analysis;

/// <summary>Settings of the step-1 global fit of the DoI and the nuisances (method.md section 4).</summary>
public sealed record DoiFitOptions
{
    /// <summary>Maximum passes over the data.</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Events per AdamW step.</summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>Learning rate of the DoI's network parameters.</summary>
    public double DoiLearningRate { get; init; } = 1e-3;

    /// <summary>Learning rate of the nuisances and POIs: higher, since each is one number fed by every event.</summary>
    public double NuisanceLearningRate { get; init; } = 2e-2;

    /// <summary>Decay both learning rates by a cosine over the epochs (a converged, reproducible end point).</summary>
    public bool CosineDecay { get; init; } = true;

    /// <summary>Alternate steps: odd steps move the DoI only, even steps the nuisances and POIs only.</summary>
    public bool Alternating { get; init; }

    /// <summary>
    /// Converged when the full-data NLL improved by less than this (NLL units) over <see cref="Patience"/> epochs; with
    /// <see cref="CosineDecay"/>, only in the schedule's last fifth (before, the NLL's noise exceeds any tolerance).
    /// </summary>
    public double Tolerance { get; init; } = 0.5;

    /// <summary>Epochs without an improvement of at least <see cref="Tolerance"/> before stopping.</summary>
    public int Patience { get; init; } = 3;

    /// <summary>After the AdamW phase, minimise the NLL over (theta, nu) with the DoI fixed by damped Newton (exact minimum).</summary>
    public bool RefineParameters { get; init; } = true;

    /// <summary>Hold the nuisances at these values and fit only the DoI (and POIs): the per-point refit that the amortized DoI replaces.</summary>
    public double[]? FixedNu { get; init; }

    /// <summary>
    /// Replace the AdamW epochs by full-batch L-BFGS with these settings: every step sees the exact NLL and its gradient, so
    /// the fit runs to a converged, shuffle-independent end point (what a comparison of fits at different nu needs).
    /// Epoch, batch, learning-rate and patience settings are then unused, and no checkpoints are written.
    /// </summary>
    public LbfgsOptions? FullBatch { get; init; }

    /// <summary>Seed of the shuffling.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Non-finite steps tolerated (each rolls back and halves the learning rates).</summary>
    public int MaxNanRecoveries { get; init; } = 5;

    /// <summary>Where to write an atomic checkpoint after every epoch, and to resume from if it exists (null: no checkpoints).</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Progress after every step and epoch.</summary>
    public Action<TrainingProgress>? Progress { get; init; }
}
