namespace FnfDsl.Pipeline.Diagnostics;

/// <summary>The names of the two fit steps in scan files and figure variants, and their legends.</summary>
public static class FitSteps
{
    /// <summary>Step 1: the global fit (with a DoI, T fixed at the fit in the scans; without one, the fit with the simulation densities).</summary>
    public const string Step1 = "step1";

    /// <summary>Step 2: the amortized profile through T(.; nu).</summary>
    public const string Step2 = "step2";

    /// <summary>Legend of the step-1 scans of an analysis with a DoI.</summary>
    public const string Step1Label = "step 1 (T fixed)";

    /// <summary>Legend of the scans of an analysis without a DoI.</summary>
    public const string SimulationLabel = "profiled (simulation densities)";

    /// <summary>Legend of the step-2 scans.</summary>
    public const string Step2Label = "step 2 (amortized, profiled)";
}
