namespace ToyFnf.Results;

/// <summary>The Hessian of the profiled NLL at its minimum and its eigen-decomposition H = sum_m lambda_m e_m e_m^T.</summary>
/// <param name="Nuisances">Nuisance names, the order of rows and columns.</param>
/// <param name="Matrix">H, row by row.</param>
/// <param name="Eigenvalues">lambda_m, ascending.</param>
/// <param name="Eigenvectors">e_m, one row per eigenvalue (Eigenvectors[m] belongs to Eigenvalues[m]).</param>
/// <param name="Method">How H was obtained (e.g. the finite-difference steps), if stated.</param>
public sealed record HessianSummary(IReadOnlyList<string> Nuisances, double[][] Matrix, double[] Eigenvalues, double[][] Eigenvectors, string? Method = null);
