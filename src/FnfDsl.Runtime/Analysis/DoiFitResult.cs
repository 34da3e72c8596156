namespace FnfDsl.Analysis;

/// <summary>Result of the step-1 global fit: best POIs and nuisances, the NLL there, and the per-epoch history.</summary>
/// <param name="Theta">Best-fit POIs.</param>
/// <param name="Nu">Best-fit nuisances nu_hat (the DoI fitted with them is in the model).</param>
/// <param name="Nll">Full-data NLL at the best fit.</param>
/// <param name="History">Full-data NLL after each epoch (full-batch fits: after each L-BFGS iteration).</param>
/// <param name="Epochs">Epochs run (full-batch fits: L-BFGS iterations).</param>
/// <param name="Converged">True if the NLL stopped improving before the epoch limit.</param>
/// <param name="NanRecoveries">Non-finite steps that were rolled back.</param>
public sealed record DoiFitResult(double[] Theta, double[] Nu, double Nll, IReadOnlyList<double> History, int Epochs, bool Converged, int NanRecoveries);
