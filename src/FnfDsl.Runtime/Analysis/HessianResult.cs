using FnfDsl.Profiling;

namespace FnfDsl.Analysis;

/// <summary>The Hessian of the NLL at a minimum, its inverse (covariance), eigen-modes and per-parameter errors.</summary>
/// <param name="Names">Parameter names (POIs, then nuisances).</param>
/// <param name="At">Where the Hessian was taken.</param>
/// <param name="Hessian">d^2 NLL / dp_i dp_j.</param>
/// <param name="Covariance">H^-1.</param>
/// <param name="Modes">Eigen-decomposition of H (mode m has width 1/sqrt(lambda_m)).</param>
/// <param name="Errors">sqrt(diag H^-1): the profiled one-sigma errors.</param>
public sealed record HessianResult(string[] Names, double[] At, double[,] Hessian, double[,] Covariance, EigenModes Modes, double[] Errors);
