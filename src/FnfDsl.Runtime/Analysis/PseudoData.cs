using FnfDsl.Likelihood;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Analysis;

/// <summary>Events sampled from a fitted model: x [N, Dx], y [N, Dy] and the flavour each was drawn from.</summary>
public sealed record PseudoDataSample(Tensor X, Tensor Y, Tensor Flavour)
{
    /// <summary>Number of events.</summary>
    public long Count => Y.shape[0];
}

/// <summary>
/// Pseudo-data from the fitted model (post-fit comparisons): per flavour, x from the kinematic flow pulled through
/// S_x^-1, y from the nominal feature flow given x pulled through S^-1 and, for data, the DoI's inverse T^-1; then each
/// variable back into its declared range (B^-1).
/// </summary>
public static class PseudoData
{
    /// <summary>
    /// Samples Poisson(scale * N_f(theta, nu)) events of every flavour (or exactly round(scale * N_f) with
    /// <paramref name="poisson"/> false). <paramref name="throughDoi"/> maps back to the data space.
    /// </summary>
    public static PseudoDataSample Sample(AnalysisModel model, double[] theta, double[] nu, Generator generator,
        bool throughDoi, bool amortized = false, bool poisson = true, double scale = 1.0)
    {
        var mixture = model.Mixture;
        int f = mixture.FlavourCount, dx = model.Spec.Kinematics.Length;
        var dtype = model.Options.Dtype;
        using var noGrad = no_grad();
        double[] yields;
        using (var t = tensor(theta, dtype: ScalarType.Float64))
        using (var n = tensor(nu, dtype: ScalarType.Float64))
        using (var y = mixture.Yields(t, n))
            yields = y.data<double>().ToArray();
        using var nuT = tensor(nu, dtype: dtype);
        var doiDensities = throughDoi ? model.DataDensities(amortized) : null;

        var xs = new List<Tensor>(); var ys = new List<Tensor>(); var labels = new List<Tensor>();
        for (int fl = 0; fl < f; fl++)
        {
            long count = Count(yields[fl] * scale, poisson, generator);
            if (count == 0) continue;
            using var scope = NewDisposeScope();
            Tensor oneHot = FlavourContext.OneHot(count, fl, f, dtype);
            Tensor x = zeros(count, 0, dtype: dtype);
            if (model.Kinematics is { } kin)
            {
                Tensor u = ((Flows.ConditionalFlow)kin.Nominal).Sample(count, oneHot, generator);
                x = kin.Bind(kin.Fnf.Inverse(u, oneHot, nuT));
            }
            Tensor context = cat([x, oneHot], 1);
            Tensor v = ((Flows.ConditionalFlow)model.Features.Nominal).Sample(count, context, generator);
            Tensor ySim = model.Features.Fnf.Inverse(v, context, nuT);
            // The DoI acts in the features' unbounded space; the declared ranges are applied last.
            Tensor yOut = model.Features.Bind(doiDensities is null ? ySim : doiDensities.Unmap(ySim, context, nuT.expand(count, -1)));
            xs.Add(x.MoveToOuterDisposeScope()); ys.Add(yOut.MoveToOuterDisposeScope());
            labels.Add(full(count, fl, dtype: ScalarType.Int64).MoveToOuterDisposeScope());
        }
        if (ys.Count == 0)
            return new PseudoDataSample(zeros(0, dx, dtype: dtype), zeros(0, model.Spec.Features.Length, dtype: dtype), zeros(0, dtype: ScalarType.Int64));
        return new PseudoDataSample(cat(xs.ToArray(), 0), cat(ys.ToArray(), 0), cat(labels.ToArray(), 0));
    }

    private static long Count(double expected, bool poisson, Generator generator)
    {
        if (!double.IsFinite(expected) || expected < 0) throw new ArgumentException($"Expected yield {expected} is not a finite non-negative number.");
        if (!poisson) return (long)Math.Round(expected);
        using var rate = tensor(new[] { expected }, dtype: ScalarType.Float64);
        using var draw = torch.poisson(rate, generator);
        return (long)draw.item<double>();
    }
}
