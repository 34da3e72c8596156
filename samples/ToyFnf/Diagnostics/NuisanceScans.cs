using FnfDsl.Analysis;
using FnfDsl.Doi;
using FnfDsl.Profiling;
using ToyFnf.Analysis;
using ToyFnf.Configuration;
using ToyFnf.Output;
using ToyFnf.Plots;
using ToyFnf.Progress;
using ToyFnf.Results;
using ToyFnf.Stages;

namespace ToyFnf.Diagnostics;

/// <summary>
/// The likelihood scans of one fit step: a 1-D scan per nuisance and the 2-D scan of the two shape nuisances, on grids
/// of +- <see cref="ScanSettings.HalfWidth"/> standard errors around the best fit, so every interval is well resolved.
/// </summary>
/// <param name="Step">"step1" or "step2": the prefix of the CSV files and the figure variant.</param>
/// <param name="Best">Best-fit parameters (POIs, then nuisances).</param>
/// <param name="OneD">The 1-D scans, in nuisance order.</param>
/// <param name="TwoD">The 2-D scan of (variation_x, variation_y).</param>
public sealed record NuisanceScans(string Step, double[] Best, IReadOnlyList<Scan1DResult> OneD, Scan2DResult TwoD)
{
    /// <summary>The pair of the 2-D scan: the two shape nuisances, by toy name.</summary>
    public static (string First, string Second) Pair { get; } = (ToyNuisanceMap.Pairs[0].Toy, ToyNuisanceMap.Pairs[1].Toy);

    /// <summary>CSV artifact of the 1-D scan of <paramref name="toyName"/> in step <paramref name="step"/>.</summary>
    public static string OneDPath(string step, string toyName) => $"scans/{step}_{toyName}.csv";

    /// <summary>CSV artifact of the 2-D scan in step <paramref name="step"/>.</summary>
    public static string TwoDPath(string step) => $"scans/{step}_{Pair.First}_{Pair.Second}.csv";

    /// <summary>Every CSV artifact of step <paramref name="step"/>.</summary>
    public static IReadOnlyList<string> Artifacts(string step) => [.. ToyNuisanceMap.ToyNames.Select(n => OneDPath(step, n)), TwoDPath(step)];

    /// <summary>
    /// Scans every nuisance over best +- HalfWidth * sigma_k (others fixed, or minimised with <paramref name="profile"/>) and
    /// the 2-D pair with the other nuisances fixed at the best fit; <paramref name="sigma"/> sets each grid's scale. With a
    /// <paramref name="box"/>, grids and minimisations stay inside it (where the amortized DoI was trained).
    /// </summary>
    public static NuisanceScans Run(string step, AnalysisProfiler profiler, double[] best, double[] sigma, ScanSettings settings, bool profile,
        IProgress<StageProgress> progress, NuBox? box = null)
    {
        ArgumentNullException.ThrowIfNull(profiler);
        int pois = profiler.Model.Spec.Pois.Length, k = profiler.Model.Mixture.NuisanceCount;
        // Profiled points take the curvature at the best fit (one gradient pass per iteration instead of one per parameter):
        // neighbouring points start from each other's minimum, where the profile is close to that quadratic.
        var options = Minimization.For(profiler, box, Minimization.ScanIterations) with
        {
            FixedHessian = profile ? Derivatives.ValueGradientHessian(profiler.Objective, best).Hessian : null,
        };
        double[] Grid(int n, int points) => Scans.Grid(
            Math.Max(best[pois + n] - settings.HalfWidth * sigma[n], box?.Low[n] ?? double.NegativeInfinity),
            Math.Min(best[pois + n] + settings.HalfWidth * sigma[n], box?.High[n] ?? double.PositiveInfinity), points);
        var scans = new List<Scan1DResult>();
        for (int n = 0; n < k; n++)
        {
            scans.Add(Scans.Scan1D(profiler.Objective, best, pois + n, Grid(n, settings.Points1D), profile, options));
            progress.Report(new StageProgress(1, 1, n + 1, k + 1));
        }
        var twoD = Scans.Scan2D(profiler.Objective, best, profiler.IndexOf(ToyNuisanceMap.ToDeclared(Pair.First)), profiler.IndexOf(ToyNuisanceMap.ToDeclared(Pair.Second)),
            Grid(0, settings.Points2D), Grid(1, settings.Points2D), profile: false, options);
        progress.Report(new StageProgress(1, 1, k + 1, k + 1, EpochCompleted: true));
        return new NuisanceScans(step, best, scans, twoD);
    }

    /// <summary>
    /// Scans around <paramref name="fit"/> as <see cref="Run"/> does, with grid scales from <paramref name="scales"/> at the
    /// fit; when a scan point lies more than <see cref="Minimization.RefitThreshold"/> below the fit, the fit restarts from
    /// there and the scans are redone around the new fit (at most <see cref="Minimization.MaxRefits"/> times), so that the
    /// reported best fit is the scans' minimum and lies inside its intervals.
    /// </summary>
    public static (MinimizeResult Fit, NuisanceScans Scans) RunAroundFit(string step, AnalysisProfiler profiler, MinimizeResult fit,
        Func<double[], double[]> scales, ScanSettings settings, bool profile, IProgress<StageProgress> progress, Action<string> log, NuBox? box = null)
    {
        ArgumentNullException.ThrowIfNull(profiler);
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentNullException.ThrowIfNull(log);
        var options = Minimization.For(profiler, box);
        for (int refits = 0; ; refits++)
        {
            var scans = Run(step, profiler, fit.Parameters, scales(fit.Parameters), settings, profile, progress, box);
            var refit = ScanRefit.Refit(profiler.Objective, fit, scans.OneD, options, Minimization.RefitThreshold);
            if (refit is null) return (fit, scans);
            if (refits == Minimization.MaxRefits)
            {
                log($"warning: after {refits} refits a scan still reaches NLL {ScanRefit.Lowest(scans.OneD).Nll:F3}, below the fit's {fit.Value:F3}");
                return (fit, scans);
            }
            log($"{step}: a scan reached NLL {ScanRefit.Lowest(scans.OneD).Nll:F3}, below the fit's {fit.Value:F3}; refitted from there to {refit.Value:F3}");
            fit = refit;
        }
    }

    /// <summary>Grid scales of the nuisances: the given errors, capped at one prior width (also for an error that is not finite).</summary>
    public static double[] GridScales(IEnumerable<double> errors) => errors.Select(e => double.IsFinite(e) && e > 0 ? Math.Min(e, 1.0) : 1.0).ToArray();

    /// <summary>Best fits with the 68 % and 95 % intervals of the 1-D scans, by toy name, with the injected values (and the training box of step 2).</summary>
    public FitSummary Summary(string description, double nll, IReadOnlyDictionary<string, double> injected, NuBox? box = null) =>
        new(description, nll, OneD.Select((scan, n) =>
        {
            string toy = ToyNuisanceMap.ToyNames[n];
            return new NuisanceFit(toy, Best[scan.Index], scan.OneSigma, scan.NinetyFive, injected.TryGetValue(toy, out double v) ? v : null,
                box is null ? null : new Interval(box.Low[n], box.High[n]));
        }).ToList());

    /// <summary>Writes the CSV files of every scan.</summary>
    public void WriteCsv(StageContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        for (int n = 0; n < OneD.Count; n++)
            ScanCsv.Write1D(context.PathOf(OneDPath(Step, ToyNuisanceMap.ToyNames[n])), ToyNuisanceMap.ToyNames[n], OneD[n].Grid, OneD[n].Nll);
        ScanCsv.Write2D(context.PathOf(TwoDPath(Step)), Pair.First, Pair.Second, TwoD.GridI, TwoD.GridJ, TwoD.Nll);
    }

    /// <summary>Grid and NLL of each 1-D scan, in nuisance order.</summary>
    public IReadOnlyList<(double[] Grid, double[] Nll)> Curves => OneD.Select(s => (s.Grid, s.Nll)).ToList();

    /// <summary>The 1-D curves of step <paramref name="step"/>, read back from its CSV files.</summary>
    public static IReadOnlyList<(double[] Grid, double[] Nll)> ReadCurves(StageContext context, string step)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ToyNuisanceMap.ToyNames.Select(name => ScanCsv.Read1D(context.PathOf(OneDPath(step, name)))).ToList();
    }

    /// <summary>Figure (e)'s panels: per nuisance, one curve of each labelled step, with the injected value.</summary>
    public static IReadOnlyList<Scan1D> Panels(IReadOnlyDictionary<string, double> injected, params (string Label, IReadOnlyList<(double[] Grid, double[] Nll)> Curves)[] steps) =>
        ToyNuisanceMap.ToyNames.Select((toy, n) => new Scan1D(toy,
            steps.Select(s => ScanCurve.FromNll(s.Label, s.Curves[n].Grid, s.Curves[n].Nll)).ToList(),
            injected.TryGetValue(toy, out double v) ? v : null)).ToList();

    /// <summary>The 2-D scan as a plot panel (rows over the second nuisance), with best fit and injected point.</summary>
    public Scan2D TwoDPanel(string title, IReadOnlyDictionary<string, double> injected) => ToPanel(title, TwoD.GridI, TwoD.GridJ, TwoD.Nll,
        (Best[TwoD.IndexI], Best[TwoD.IndexJ]), injected);

    /// <summary>A 2-D panel of a scan nll[a, b] at (first[a], second[b]).</summary>
    public static Scan2D ToPanel(string title, double[] first, double[] second, double[,] nll, (double, double)? best, IReadOnlyDictionary<string, double> injected)
    {
        double min = nll.Cast<double>().Min();
        var rows = second.Select((_, b) => first.Select((_, a) => 2 * (nll[a, b] - min)).ToArray()).ToArray();
        (double, double)? truth = injected.TryGetValue(Pair.First, out double x) && injected.TryGetValue(Pair.Second, out double y) ? (x, y) : null;
        return new Scan2D(title, Pair.First, Pair.Second, first, second, rows, best, truth);
    }
}
