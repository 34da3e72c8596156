using FnfDsl.Doi;
using FnfDsl.Likelihood;
using FnfDsl.Profiling;
using FnfDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Analysis;

/// <summary>
/// Step 2 of DoI profiling (method.md section 4): with T_hat frozen, train the residual FNF R(.; nu - nu_hat) so that
/// T(.; nu) = R(T_hat(.); nu - nu_hat) is the best DoI at every nu of the box, each event carrying its own nu.
/// </summary>
/// <remarks>
/// Only the event terms depend on R, so the loss is -mean_i w_i log sum_f N_f(theta_hat, nu_i) p_f(y_i | x_i, nu_i)
/// (conditional mode: with the omega_f fractions). Without an offset head R is the identity at nu = nu_hat; with one
/// (<see cref="AnalysisModelOptions.ResidualOffset"/>, the default) R also corrects T_hat at nu_hat, equally at every nu.
/// </remarks>
public static class AmortizedTraining
{
    /// <summary>Trains the residual on <paramref name="data"/> over <paramref name="box"/>, at POIs <paramref name="theta"/>.</summary>
    public static TrainingResult Train(AnalysisModel model, EventData data, double[] theta, NuBox box, AmortizedOptions options)
    {
        int k = model.Mixture.NuisanceCount;
        if (box.Dim != k) throw new ArgumentException($"The nu box has {box.Dim} sides but the analysis has {k} nuisances.", nameof(box));
        var residual = model.Residual ?? throw new InvalidOperationException($"Analysis '{model.Spec.Name}' declares no DoI to amortize.");
        var likelihood = model.Likelihood(model.DataDensities(amortized: true));
        var trainer = options.Trainer with { Dtype = model.Options.Dtype };
        using var thetaT = tensor(theta, dtype: ScalarType.Float64);
        using var generator = new Generator((ulong)(trainer.Seed + 7));
        var (nodes, weights) = options.Sampling == NuSampling.Quadrature ? box.QuadratureGrid(options.QuadraturePoints) : (null, null);

        // One batch's loss at per-event nu [B, K]: its event terms per event (the global terms do not depend on R).
        Tensor Loss(Tensor x, Tensor y, Tensor? w, Tensor nu) => likelihood.EventTerms(x, y, w, thetaT, nu).div(x.shape[0]);

        var columns = data.Weights is null ? new[] { data.X, data.Y } : new[] { data.X, data.Y, data.Weights };
        var parameters = options.FineTuneDoi ? [.. model.ResidualParameters(), .. model.DoiParameters()] : model.ResidualParameters();
        foreach (var p in parameters) p.requires_grad_(true);
        try
        {
            return Trainer.Fit(options.FineTuneDoi ? model : residual, new TensorDataset(columns), batch =>
            {
                Tensor? w = batch.Length > 2 ? batch[2] : null;
                long b = batch[0].shape[0];
                if (nodes is null) return Loss(batch[0], batch[1], w, box.SampleUniform(b, generator, batch[1].dtype));
                Tensor total = zeros([], dtype: ScalarType.Float64);
                for (int q = 0; q < nodes.Length; q++)
                {
                    using var node = tensor(nodes[q], dtype: batch[1].dtype);
                    total = total.add(Loss(batch[0], batch[1], w, node.expand(b, k)).mul(weights![q]));
                }
                return total;
            }, trainer, parameters, [generator]);
        }
        finally
        {
            model.Freeze();
        }
    }

    /// <summary>
    /// The box of a focused second pass, after training in <paramref name="wide"/>: the smallest box that holds the amortized
    /// minimum inside the wide box and the start, each +- <paramref name="reach"/> profiled errors, cut to the wide box. A wide box (e.g. a prior's 95 % range for a nuisance
    /// the DoI absorbs) spreads R's training far beyond the errors of the nuisances the data pin down, and R's error over
    /// that range then biases their minimum; a second call of <see cref="Train"/> in this box, starting from the first R,
    /// concentrates R where the profile is evaluated.
    /// </summary>
    /// <param name="profiler">The amortized profiler (<see cref="AnalysisProfiler.Amortized"/>) after the first pass.</param>
    /// <param name="start">Start of the fit: POIs, then nuisances (e.g. nu_hat of step 1).</param>
    /// <param name="wide">The box of the first pass.</param>
    /// <param name="reach">Half-width of the focused box in profiled errors (scans to 3 errors need more than 3).</param>
    /// <param name="settings">Iterations and tolerance of the fit (bounds are the POIs' and the wide box).</param>
    /// <param name="errors">
    /// The nuisances' errors at the minimum (all parameters given); default: from the exact Hessian. A nuisance without a
    /// finite positive error keeps the wide side, as do all when the Hessian is not positive definite.
    /// </param>
    public static (NuBox Box, MinimizeResult Minimum) FocusedBox(AnalysisProfiler profiler, double[] start, NuBox wide, double reach,
        MinimizeOptions? settings = null, Func<double[], double[]>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(profiler);
        ArgumentNullException.ThrowIfNull(wide);
        if (!(reach > 0 && double.IsFinite(reach))) throw new ArgumentOutOfRangeException(nameof(reach), reach, "The reach is a positive number of errors.");
        int pois = profiler.Model.Spec.Pois.Length;
        var minimum = profiler.FitIn(wide, start, settings);
        double[] sigma;
        if (errors is not null) sigma = errors(minimum.Parameters);
        else
        {
            try { sigma = profiler.Hessian(minimum.Parameters).Errors[pois..]; }
            catch (InvalidOperationException) { sigma = Enumerable.Repeat(double.PositiveInfinity, wide.Dim).ToArray(); }
        }
        if (sigma.Length != wide.Dim) throw new InvalidOperationException($"{sigma.Length} errors were given for {wide.Dim} nuisances.");
        // Around the first minimum and around the start: a first minimum that R's error pulled off nu_hat must not shut the
        // second pass out of the region where the true minimum may be.
        var halfWidths = sigma.Select(e => reach * e).ToArray();
        var aroundMinimum = NuBox.Around(minimum.Parameters[pois..], halfWidths, wide);
        var aroundStart = NuBox.Around(start[pois..].Select((v, k) => Math.Clamp(v, wide.Low[k], wide.High[k])).ToArray(), halfWidths, wide);
        return (NuBox.Hull(aroundMinimum, aroundStart), minimum);
    }
}
