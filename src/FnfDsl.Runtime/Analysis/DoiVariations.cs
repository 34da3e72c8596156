using FnfDsl.Likelihood;
using FnfDsl.Profiling;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Analysis;

/// <summary>The DoI shift T(y; nu) - T(y; nu_hat) of one principal mode, at +1 and -1 sigma, on a grid of y ([points, dims]).</summary>
public sealed record PrincipalVariation(int Mode, double Eigenvalue, double[] Direction, double[,] ShiftUp, double[,] ShiftDown);

/// <summary>A DoI band on a grid of y: 16 % and 84 % quantiles and the envelope of the shift T(y; nu) - T(y; nu_hat).</summary>
public sealed record DoiBand(double[,] Low, double[,] High, double[,] Min, double[,] Max, int Draws);

/// <summary>Principal variations and bands of the amortized DoI (method.md section 4, orthogonal decomposition).</summary>
public static class DoiVariations
{
    /// <summary>T(y; nu) of points y [P, Dy] at fixed kinematics x [Dx] and flavour, through the amortized DoI.</summary>
    public static Tensor Map(AnalysisModel model, Tensor y, double[] x, int flavour, double[] nu)
    {
        var densities = model.DataDensities(amortized: true);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long n = y.shape[0];
        var dtype = model.Options.Dtype;
        Tensor context = cat([tensor(x, dtype: dtype).expand(n, x.Length), FlavourContext.OneHot(n, flavour, model.Mixture.FlavourCount, dtype)], 1);
        Tensor nuRows = tensor(nu, dtype: dtype).expand(n, nu.Length);
        // T acts in the features' unbounded space: B^-1(T(B(y))) keeps the shift in the declared variables' units.
        var (unbounded, _) = model.Features.Unbound(y.to_type(dtype));
        return model.Features.Bind(densities.Map(unbounded, context, nuRows).Mapped).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The modes of the nuisances' profiled Hessian (the inverse of their block of the covariance): for mode m,
    /// T(y; nu_hat +- e_m / sqrt(lambda_m)) - T(y; nu_hat) on the points y.
    /// </summary>
    public static IReadOnlyList<PrincipalVariation> Principal(AnalysisModel model, HessianResult hessian, Tensor y, double[] x, int flavour)
    {
        int p = model.Spec.Pois.Length, k = model.Mixture.NuisanceCount;
        var nuHat = hessian.At[p..];
        var modes = EigenModes.Of(LinearAlgebra.InverseSpd(Block(hessian.Covariance, p, k)));
        using var baseMap = Map(model, y, x, flavour, nuHat);
        var result = new List<PrincipalVariation>();
        for (int m = 0; m < k; m++)
        {
            using var up = Map(model, y, x, flavour, modes.Shift(nuHat, m, +1));
            using var down = Map(model, y, x, flavour, modes.Shift(nuHat, m, -1));
            result.Add(new PrincipalVariation(m, modes.Eigenvalues[m], modes.Eigenvectors[m], ToArray(up - baseMap), ToArray(down - baseMap)));
        }
        return result;
    }

    /// <summary>The band of the shift for nu drawn from N(nu_hat, covariance of the nuisances), <paramref name="draws"/> times.</summary>
    public static DoiBand Band(AnalysisModel model, HessianResult hessian, Tensor y, double[] x, int flavour, int draws, Generator generator)
    {
        if (draws < 2) throw new ArgumentOutOfRangeException(nameof(draws), "A band needs at least two draws.");
        int p = model.Spec.Pois.Length, k = model.Mixture.NuisanceCount;
        var nuHat = hessian.At[p..];
        var l = LinearAlgebra.Cholesky(Block(hessian.Covariance, p, k)) ?? throw new InvalidOperationException("The nuisances' covariance is not positive definite.");
        using var baseMap = Map(model, y, x, flavour, nuHat);
        using var normals = randn(new long[] { draws, k }, dtype: ScalarType.Float64, generator: generator);
        var z = normals.data<double>().ToArray();
        var shifts = new List<Tensor>();
        try
        {
            for (int d = 0; d < draws; d++)
            {
                var nu = new double[k];
                for (int i = 0; i < k; i++)
                {
                    nu[i] = nuHat[i];
                    for (int j = 0; j <= i; j++) nu[i] += l[i, j] * z[d * k + j];
                }
                using var mapped = Map(model, y, x, flavour, nu);
                shifts.Add((mapped - baseMap).to_type(ScalarType.Float64));
            }
            using var stack = torch.stack(shifts.ToArray());
            using var q = tensor(new[] { 0.16, 0.84 }, dtype: ScalarType.Float64);
            using var quantiles = stack.quantile(q, dim: 0);
            using var min = stack.amin(0);
            using var max = stack.amax(0);
            return new DoiBand(ToArray(quantiles[0]), ToArray(quantiles[1]), ToArray(min), ToArray(max), draws);
        }
        finally
        {
            foreach (var s in shifts) s.Dispose();
        }
    }

    private static double[,] Block(double[,] m, int start, int size)
    {
        var b = new double[size, size];
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++)
                b[i, j] = m[start + i, start + j];
        return b;
    }

    private static double[,] ToArray(Tensor t)
    {
        using var d = t.to_type(ScalarType.Float64).contiguous();
        long rows = d.shape[0], cols = d.shape[1];
        var flat = d.data<double>().ToArray();
        var a = new double[rows, cols];
        for (long i = 0; i < rows; i++)
            for (long j = 0; j < cols; j++)
                a[i, j] = flat[i * cols + j];
        return a;
    }
}
