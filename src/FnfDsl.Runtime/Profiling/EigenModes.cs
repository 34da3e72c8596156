using static TorchSharp.torch;

namespace FnfDsl.Profiling;

/// <summary>
/// Eigen-decomposition of a Hessian H = sum_m lambda_m e_m e_m^T (method.md section 4): mode m moves the
/// parameters along e_m with width 1/sqrt(lambda_m).
/// </summary>
public sealed record EigenModes(double[] Eigenvalues, double[][] Eigenvectors)
{
    /// <summary>Decomposes a symmetric matrix; eigenvalues ascending, eigenvectors normalised.</summary>
    public static EigenModes Of(double[,] h)
    {
        int n = h.GetLength(0);
        if (n != h.GetLength(1)) throw new ArgumentException("The Hessian is not square.", nameof(h));
        using var scope = NewDisposeScope();
        var flat = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                flat[i * n + j] = 0.5 * (h[i, j] + h[j, i]);
        var (values, vectors) = linalg.eigh(tensor(flat, new long[] { n, n }, ScalarType.Float64));
        var v = vectors.data<double>().ToArray();
        var vecs = new double[n][];
        for (int m = 0; m < n; m++)
        {
            vecs[m] = new double[n];
            for (int i = 0; i < n; i++) vecs[m][i] = v[i * n + m]; // columns are eigenvectors
        }
        return new EigenModes(values.data<double>().ToArray(), vecs);
    }

    /// <summary>Width 1/sqrt(lambda_m) of each mode (infinite for a non-positive eigenvalue).</summary>
    public double[] Widths => Eigenvalues.Select(l => l > 0 ? 1 / Math.Sqrt(l) : double.PositiveInfinity).ToArray();

    /// <summary>The point best + sign * e_m / sqrt(lambda_m): a one-sigma step along mode m.</summary>
    public double[] Shift(double[] best, int mode, double sign)
    {
        double w = Widths[mode];
        return best.Select((b, i) => b + sign * w * Eigenvectors[mode][i]).ToArray();
    }

    /// <summary>sum_m lambda_m e_m e_m^T: reconstructs the decomposed matrix.</summary>
    public double[,] Reconstruct()
    {
        int n = Eigenvalues.Length;
        var h = new double[n, n];
        for (int m = 0; m < n; m++)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    h[i, j] += Eigenvalues[m] * Eigenvectors[m][i] * Eigenvectors[m][j];
        return h;
    }
}
