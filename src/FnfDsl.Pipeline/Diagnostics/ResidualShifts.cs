using FnfDsl.Analysis;
using FnfDsl.Flows;
using FnfDsl.Likelihood;
using FnfDsl.Pipeline.Plots;
using static TorchSharp.torch;

namespace FnfDsl.Pipeline.Diagnostics;

/// <summary>
/// Figure (b)'s numbers: where the learned FNF map moves a nominal event at nu_k = +-1, S^-1(y; x, nu) - y, versus x.
/// Nominal events are drawn from the nominal flow at each x of a grid, so every grid point has the same statistics.
/// </summary>
public static class ResidualShifts
{
    /// <summary>Draws per flavour and grid point.</summary>
    public const int DrawsPerPoint = 256;

    /// <summary>
    /// Curves for nuisance <paramref name="nuisance"/> (index into nu) at nu = +1 and -1 on the grid <paramref name="xGrid"/> of the
    /// first kinematic variable (the others at <paramref name="kinematicMedians"/>), per flavour and per variable it moves:
    /// the features, and the kinematic variables themselves when <paramref name="movesKinematic"/>.
    /// </summary>
    public static IReadOnlyList<ResidualShiftCurve> Of(AnalysisModel model, int nuisance, bool movesKinematic, double[] xGrid, double[] kinematicMedians, long seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        PlotInput.RequireIncreasing(nameof(xGrid), xGrid);
        var spec = model.Spec;
        int flavours = model.Mixture.FlavourCount, k = model.Mixture.NuisanceCount, points = xGrid.Length;
        var dtype = model.Options.Dtype;
        var featureFlow = (ConditionalFlow)model.Features.Nominal;
        using var generator = new Generator((ulong)seed);
        using var noGrad = no_grad();
        var curves = new List<ResidualShiftCurve>();
        for (int f = 0; f < flavours; f++)
        {
            using var scope = NewDisposeScope();
            long n = (long)points * DrawsPerPoint;
            int dx = spec.Kinematics.Length;
            var points2d = new double[points * dx];
            for (int p = 0; p < points; p++)
                for (int d = 0; d < dx; d++) points2d[p * dx + d] = d == 0 ? xGrid[p] : kinematicMedians[d];
            Tensor grid = tensor(points2d, [points, dx], dtype: dtype);
            Tensor x = grid.repeat_interleave(DrawsPerPoint, dim: 0);
            Tensor context = cat([x, FlavourContext.OneHot(n, f, flavours, dtype)], 1);
            Tensor nominal = featureFlow.Sample(n, context, generator);
            foreach (double value in new[] { 1.0, -1.0 })
            {
                var nu = new double[k];
                nu[nuisance] = value;
                Tensor nuT = tensor(nu, dtype: dtype);
                Tensor shift = model.Features.Fnf.Inverse(nominal, context, nuT).sub(nominal).view(points, DrawsPerPoint, -1).to_type(ScalarType.Float64);
                for (int d = 0; d < spec.Features.Length; d++)
                    curves.Add(Curve(spec.Flavours[f].Name, spec.Features[d].Name, value, shift.select(2, d)));
                if (movesKinematic && model.Kinematics is { } kin)
                {
                    Tensor moved = kin.Fnf.Inverse(grid, FlavourContext.OneHot(points, f, flavours, dtype), nuT).sub(grid).to_type(ScalarType.Float64);
                    for (int d = 0; d < spec.Kinematics.Length; d++)
                        curves.Add(Curve(spec.Flavours[f].Name, spec.Kinematics[d].Name, value, moved.select(1, d).unsqueeze(1)));
                }
            }
        }
        return curves;
    }

    // shifts [points, draws]: the mean and the 16-84 % quantiles at each grid point.
    private static ResidualShiftCurve Curve(string flavour, string variable, double nu, Tensor shifts)
    {
        using var mean = shifts.mean([1]);
        using var q = tensor(new[] { 0.16, 0.84 }, dtype: ScalarType.Float64);
        using var quantiles = shifts.quantile(q, dim: 1);
        return new ResidualShiftCurve(flavour, variable, nu, Values(mean), Values(quantiles[0]), Values(quantiles[1]));
    }

    private static double[] Values(Tensor t)
    {
        using var c = t.contiguous();
        return c.data<double>().ToArray();
    }
}
