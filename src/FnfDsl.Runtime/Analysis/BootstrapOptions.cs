namespace FnfDsl.Analysis;

/// <summary>Settings of a Poisson-bootstrap ensemble of DoI fits (method.md section 4).</summary>
public sealed record BootstrapOptions
{
    /// <summary>Number of replicas M.</summary>
    public int Replicas { get; init; } = 5;

    /// <summary>Seed of the Poisson(1) event weights (replica m uses the stream (seed, m)).</summary>
    public long Seed { get; init; } = 1;

    /// <summary>The step-1 fit of each replica (it starts from the current DoI, which it restores afterwards).</summary>
    public DoiFitOptions Fit { get; init; } = new() { Epochs = 5 };

    /// <summary>Parameters whose NLL curves the ensemble combines (default: every nuisance).</summary>
    public string[]? ScanParameters { get; init; }

    /// <summary>Points of each scan grid.</summary>
    public int ScanPoints { get; init; } = 21;

    /// <summary>Each grid spans the centre +- this half-width.</summary>
    public double ScanHalfWidth { get; init; } = 3.0;

    /// <summary>Called after each replica with (replica done, replicas).</summary>
    public Action<int, int>? Progress { get; init; }
}
