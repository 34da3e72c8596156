namespace FnfDsl.Pipeline.Configuration;

/// <summary>The Poisson-bootstrap ensemble of DoI fits (method.md section 4, statistical uncertainty).</summary>
/// <param name="Replicas">Number M of replicas, each fitted with per-event weights w_i ~ Poisson(1).</param>
/// <param name="Training">Schedule of each replica's fit.</param>
public sealed record BootstrapSettings(int Replicas, FitSettings Training);
