namespace FnfDsl.Pipeline.Results;

/// <summary>The Hessian of the profiled NLL at its minimum and its eigen-decomposition H = sum_m lambda_m e_m e_m^T.</summary>
/// <param name="Nuisances">Parameter names (POIs, then nuisances), the order of rows and columns.</param>
/// <param name="Matrix">H, row by row.</param>
/// <param name="Eigenvalues">lambda_m, ascending.</param>
/// <param name="Eigenvectors">e_m, one row per eigenvalue (Eigenvectors[m] belongs to Eigenvalues[m]).</param>
/// <param name="Method">How H was obtained, if stated.</param>
/// <param name="CheckStep">Step of the finite-difference check of H (NaN: not checked).</param>
/// <param name="CheckMaxRelativeDifference">max_ij |H_ij - H^FD_ij| / sqrt(H_ii H_jj) against central differences of the gradient.</param>
/// <param name="Errors">sqrt((H^-1)_kk) of each parameter, if computed.</param>
public sealed record HessianSummary(IReadOnlyList<string> Nuisances, double[][] Matrix, double[] Eigenvalues, double[][] Eigenvectors, string? Method = null,
    double CheckStep = double.NaN, double CheckMaxRelativeDifference = double.NaN, double[]? Errors = null);
