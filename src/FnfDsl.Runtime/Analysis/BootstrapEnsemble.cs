using FnfDsl.Likelihood;
using FnfDsl.Profiling;
using FnfDsl.Training;
using static TorchSharp.torch;

namespace FnfDsl.Analysis;

/// <summary>One bootstrap replica: its fitted parameters and, per scanned parameter, its NLL curve on the real data.</summary>
public sealed record BootstrapReplica(int Index, double[] Theta, double[] Nu, IReadOnlyDictionary<string, double[]> Nll);

/// <summary>An ensemble's replicas and their combinations: the averaged likelihood and the envelope, with intervals.</summary>
public sealed record BootstrapResult(
    IReadOnlyList<BootstrapReplica> Replicas,
    IReadOnlyDictionary<string, double[]> Grids,
    IReadOnlyDictionary<string, double[]> AveragedNll,
    IReadOnlyDictionary<string, Interval> AveragedInterval,
    IReadOnlyDictionary<string, double[]> EnvelopeTwoDeltaNll,
    IReadOnlyDictionary<string, Interval> EnvelopeInterval);

/// <summary>
/// The statistical uncertainty of the DoI network (method.md section 4): M replicas of the step-1 fit, each on the data
/// with per-event Poisson(1) weights; each replica's DoI then scores the real data, and the curves are combined by
/// the averaged likelihood -log Lbar = -logsumexp_m(-NLL_m) + log M and by the (HI-SIGMA) envelope.
/// </summary>
public static class BootstrapEnsemble
{
    /// <summary>Runs the ensemble around the best fit <paramref name="center"/> = (theta, nu); the model's DoI and nu_hat are restored afterwards.</summary>
    public static BootstrapResult Run(AnalysisModel model, EventData data, double[] center, BootstrapOptions options)
    {
        if (options.Replicas < 1) throw new ArgumentOutOfRangeException(nameof(options), "The ensemble needs at least one replica.");
        var profiler = AnalysisProfiler.Step1(model, data);
        if (center.Length != profiler.Names.Length) throw new ArgumentException($"The centre needs {profiler.Names.Length} values ({string.Join(", ", profiler.Names)}).", nameof(center));
        var names = options.ScanParameters ?? model.NuisanceNames.ToArray();
        var grids = names.ToDictionary(n => n, n => Scans.Grid(center[profiler.IndexOf(n)] - options.ScanHalfWidth, center[profiler.IndexOf(n)] + options.ScanHalfWidth, options.ScanPoints));
        var nuHat = model.NuHat;
        var replicas = new List<BootstrapReplica>();
        using var fitted = new ParameterSnapshot(model.DoiParameters().ToList());
        fitted.Save();
        try
        {
            for (int m = 0; m < options.Replicas; m++)
            {
                using var weights = PoissonBootstrap.Weights(data.Count, options.Seed, m, ScalarType.Float64);
                var replicaData = EventData.Create(data.X, data.Y, weights, $"{data.Source} (bootstrap replica {m})");
                var fit = DoiFit.Run(model, replicaData, options.Fit with { CheckpointPath = null, Seed = options.Fit.Seed + m, Progress = null });
                double[] best = [.. fit.Theta, .. fit.Nu];
                var curves = names.ToDictionary(n => n, n => profiler.Scan(n, grids[n], best, profile: false).Nll);
                replicas.Add(new BootstrapReplica(m, fit.Theta, fit.Nu, curves));
                fitted.Restore();
                options.Progress?.Invoke(m + 1, options.Replicas);
            }
        }
        finally
        {
            fitted.Restore();
            model.NuHat = nuHat;
        }

        var averaged = names.ToDictionary(n => n, n => EnsembleCombination.AveragedNll(replicas.Select(r => r.Nll[n]).ToList()));
        var envelope = names.ToDictionary(n => n, n => EnsembleCombination.EnvelopeTwoDeltaNll(replicas.Select(r => r.Nll[n]).ToList()));
        return new BootstrapResult(replicas, grids, averaged,
            names.ToDictionary(n => n, n => Interval.FromScan(grids[n], averaged[n], Interval.OneSigma)),
            envelope,
            names.ToDictionary(n => n, n => Interval.FromScan(grids[n], envelope[n].Select(t => t / 2).ToArray(), Interval.OneSigma)));
    }
}
