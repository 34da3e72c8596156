using static TorchSharp.torch;

namespace FnfDsl.Likelihood;

/// <summary>Per-flavour log-densities of a batch of events: log p_f(y | x, nu) and log p_f(x | nu), each [N, F].</summary>
/// <param name="Features">log p_f(y | x, nu) [N, F].</param>
/// <param name="Kinematics">log p_f(x | nu) [N, F], or null when the source has no kinematic density.</param>
public sealed record FlavourLogDensities(Tensor Features, Tensor? Kinematics);
