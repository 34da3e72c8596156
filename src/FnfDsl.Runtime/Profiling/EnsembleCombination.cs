namespace FnfDsl.Profiling;

/// <summary>
/// Combines the NLL curves of an ensemble of M models evaluated on the same grid (a Poisson-bootstrap
/// ensemble, method.md section 4; or HI-SIGMA's D bootstrap models, section 6).
/// </summary>
public static class EnsembleCombination
{
    /// <summary>Averaged likelihood: -log Lbar = -logsumexp_m(-NLL_m) + log M at each grid point.</summary>
    public static double[] AveragedNll(IReadOnlyList<double[]> nllPerModel)
    {
        int m = CheckShapes(nllPerModel);
        int n = nllPerModel[0].Length;
        var result = new double[n];
        for (int g = 0; g < n; g++)
        {
            double max = double.NegativeInfinity;
            for (int r = 0; r < m; r++) max = Math.Max(max, -nllPerModel[r][g]);
            double s = 0;
            for (int r = 0; r < m; r++) s += Math.Exp(-nllPerModel[r][g] - max);
            result[g] = -(max + Math.Log(s)) + Math.Log(m);
        }
        return result;
    }

    /// <summary>Envelope test statistic: t(g) = min_m 2 (NLL_m(g) - min NLL_m), the most lenient model at each point.</summary>
    public static double[] EnvelopeTwoDeltaNll(IReadOnlyList<double[]> nllPerModel)
    {
        int m = CheckShapes(nllPerModel);
        int n = nllPerModel[0].Length;
        var result = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
        for (int r = 0; r < m; r++)
        {
            double min = nllPerModel[r].Min();
            for (int g = 0; g < n; g++) result[g] = Math.Min(result[g], 2 * (nllPerModel[r][g] - min));
        }
        return result;
    }

    /// <summary>HI-SIGMA envelope interval [min_d(s_d - N sigma_d), max_d(s_d + N sigma_d)] and central value mean(s_d).</summary>
    public static (double Central, Interval Interval) EnvelopeInterval(IReadOnlyList<double> bestFits, IReadOnlyList<double> sigmas, double nSigma = 1.0)
    {
        if (bestFits.Count == 0 || bestFits.Count != sigmas.Count) throw new ArgumentException("Need one sigma per best fit, and at least one model.");
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        for (int d = 0; d < bestFits.Count; d++)
        {
            low = Math.Min(low, bestFits[d] - nSigma * sigmas[d]);
            high = Math.Max(high, bestFits[d] + nSigma * sigmas[d]);
        }
        return (bestFits.Average(), new Interval(low, high));
    }

    private static int CheckShapes(IReadOnlyList<double[]> curves)
    {
        if (curves.Count == 0) throw new ArgumentException("The ensemble is empty.");
        int n = curves[0].Length;
        for (int r = 1; r < curves.Count; r++)
            if (curves[r].Length != n) throw new ArgumentException($"Model {r} has {curves[r].Length} grid points, model 0 has {n}.");
        return curves.Count;
    }
}
