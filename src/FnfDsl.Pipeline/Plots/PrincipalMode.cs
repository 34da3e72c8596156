namespace FnfDsl.Pipeline.Plots;

/// <summary>One principal mode of the Hessian and the DoI shift it causes at each point of a feature grid.</summary>
/// <param name="Eigenvalue">lambda_m; the mode's width is 1 / sqrt(lambda_m).</param>
/// <param name="Eigenvector">e_m, one component per nuisance.</param>
/// <param name="ShiftY1">y1 component of T(y; nu_hat + e_m / sqrt(lambda_m)) - T(y; nu_hat) at each grid point.</param>
/// <param name="ShiftY2">y2 component of the same shift.</param>
public sealed record PrincipalMode(double Eigenvalue, double[] Eigenvector, double[] ShiftY1, double[] ShiftY2);
