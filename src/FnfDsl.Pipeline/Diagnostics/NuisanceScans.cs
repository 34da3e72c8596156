using FnfDsl.Analysis;
using FnfDsl.Doi;
using FnfDsl.Profiling;
using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Output;
using FnfDsl.Pipeline.Plots;
using FnfDsl.Pipeline.Progress;
using FnfDsl.Pipeline.Results;
using FnfDsl.Pipeline.Stages;

namespace FnfDsl.Pipeline.Diagnostics;

/// <summary>
/// The likelihood scans of one fit step: a 1-D scan per nuisance and a 2-D scan per pair of <see cref="Pairs"/>, on grids
/// of +- <see cref="ScanSettings.HalfWidth"/> standard errors around the best fit, so every interval is well resolved.
/// </summary>
/// <param name="Step">"step1" or "step2": the prefix of the CSV files and the figure variant.</param>
/// <param name="Names">The nuisance names, in nu order.</param>
/// <param name="Best">Best-fit parameters (POIs, then nuisances).</param>
/// <param name="OneD">The 1-D scans, in nuisance order.</param>
/// <param name="TwoD">The 2-D scans, one per pair.</param>
public sealed record NuisanceScans(string Step, IReadOnlyList<string> Names, double[] Best, IReadOnlyList<Scan1DResult> OneD, IReadOnlyList<Scan2DResult> TwoD)
{
    /// <summary>
    /// The pairs scanned in 2-D: those of the settings, else the first two shape nuisances (else the first two nuisances);
    /// none when the analysis has fewer than two nuisances.
    /// </summary>
    public static IReadOnlyList<(string First, string Second)> Pairs(AnalysisSpec spec, RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        var names = spec.ShapeNuisances.Select(s => s.Name).Concat(spec.RateNuisances.Select(r => r.Name)).ToList();
        if (settings.ScanPairs is { } pairs)
        {
            foreach (var pair in pairs)
                if (pair.Length != 2 || !names.Contains(pair[0]) || !names.Contains(pair[1]) || pair[0] == pair[1])
                    throw new ArgumentException($"Scan pair [{string.Join(", ", pair)}] must name two different nuisances of {spec.Name} ({string.Join(", ", names)}).");
            return pairs.Select(p => (p[0], p[1])).ToList();
        }
        var shapes = spec.ShapeNuisances.Select(s => s.Name).ToList();
        var source = shapes.Count >= 2 ? shapes : names;
        return source.Count >= 2 ? [(source[0], source[1])] : [];
    }

    /// <summary>CSV artifact of the 1-D scan of <paramref name="name"/> in step <paramref name="step"/>.</summary>
    public static string OneDPath(string step, string name) => $"scans/{step}_{name}.csv";

    /// <summary>CSV artifact of the 2-D scan of a pair in step <paramref name="step"/>.</summary>
    public static string TwoDPath(string step, (string First, string Second) pair) => $"scans/{step}_{pair.First}_{pair.Second}.csv";

    /// <summary>Every CSV artifact of step <paramref name="step"/>.</summary>
    public static IReadOnlyList<string> Artifacts(string step, AnalysisSpec spec, RunSettings settings) =>
        [.. NuisanceNames(spec).Select(n => OneDPath(step, n)), .. Pairs(spec, settings).Select(p => TwoDPath(step, p))];

    /// <summary>The nuisance names of <paramref name="spec"/> in nu order (shape, then rate).</summary>
    public static IReadOnlyList<string> NuisanceNames(AnalysisSpec spec) =>
        [.. spec.ShapeNuisances.Select(s => s.Name), .. spec.RateNuisances.Select(r => r.Name)];

    /// <summary>
    /// Scans every nuisance over best +- HalfWidth * sigma_k (others fixed, or minimised with <paramref name="profile"/>) and
    /// the 2-D pair with the other nuisances fixed at the best fit; <paramref name="sigma"/> sets each grid's scale. With a
    /// <paramref name="box"/>, grids and minimisations stay inside it (where the amortized DoI was trained).
    /// </summary>
    public static NuisanceScans Run(string step, AnalysisProfiler profiler, double[] best, double[] sigma, RunSettings run, bool profile,
        IProgress<StageProgress> progress, NuBox? box = null)
    {
        ArgumentNullException.ThrowIfNull(profiler);
        var settings = run.Scans;
        var names = profiler.Model.NuisanceNames;
        var pairs = Pairs(profiler.Model.Spec, run);
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
            progress.Report(new StageProgress(1, 1, n + 1, k + pairs.Count));
        }
        var twoD = new List<Scan2DResult>();
        foreach (var (first, second) in pairs)
        {
            int a = names.ToList().IndexOf(first), b = names.ToList().IndexOf(second);
            twoD.Add(Scans.Scan2D(profiler.Objective, best, pois + a, pois + b, Grid(a, settings.Points2D), Grid(b, settings.Points2D), profile: false, options));
            progress.Report(new StageProgress(1, 1, k + twoD.Count, k + pairs.Count, EpochCompleted: twoD.Count == pairs.Count));
        }
        return new NuisanceScans(step, names, best, scans, twoD);
    }

    /// <summary>
    /// Scans around <paramref name="fit"/> as <see cref="Run"/> does, with grid scales from <paramref name="scales"/> at the
    /// fit; when a scan point lies more than <see cref="Minimization.RefitThreshold"/> below the fit, the fit restarts from
    /// there and the scans are redone around the new fit (at most <see cref="Minimization.MaxRefits"/> times), so that the
    /// reported best fit is the scans' minimum and lies inside its intervals.
    /// </summary>
    public static (MinimizeResult Fit, NuisanceScans Scans) RunAroundFit(string step, AnalysisProfiler profiler, MinimizeResult fit,
        Func<double[], double[]> scales, RunSettings settings, bool profile, IProgress<StageProgress> progress, Action<string> log, NuBox? box = null)
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

    /// <summary>Best fits with the 68 % and 95 % intervals of the 1-D scans, with the true values (and the training box of step 2).</summary>
    public FitSummary Summary(string description, double nll, IReadOnlyDictionary<string, double> truth, NuBox? box = null) =>
        new(description, nll, OneD.Select((scan, n) =>
        {
            string name = Names[n];
            return new NuisanceFit(name, Best[scan.Index], scan.OneSigma, scan.NinetyFive, truth.TryGetValue(name, out double v) ? v : null,
                box is null ? null : new Interval(box.Low[n], box.High[n]));
        }).ToList());

    /// <summary>Writes the CSV files of every scan.</summary>
    public void WriteCsv(StageContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        for (int n = 0; n < OneD.Count; n++)
            ScanCsv.Write1D(context.PathOf(OneDPath(Step, Names[n])), Names[n], OneD[n].Grid, OneD[n].Nll);
        foreach (var scan in TwoD)
        {
            var pair = PairOf(scan);
            ScanCsv.Write2D(context.PathOf(TwoDPath(Step, pair)), pair.First, pair.Second, scan.GridI, scan.GridJ, scan.Nll);
        }
    }

    private (string First, string Second) PairOf(Scan2DResult scan)
    {
        int pois = Best.Length - Names.Count;
        return (Names[scan.IndexI - pois], Names[scan.IndexJ - pois]);
    }

    /// <summary>Grid and NLL of each 1-D scan, in nuisance order.</summary>
    public IReadOnlyList<(double[] Grid, double[] Nll)> Curves => OneD.Select(s => (s.Grid, s.Nll)).ToList();

    /// <summary>The 1-D curves of step <paramref name="step"/>, read back from its CSV files.</summary>
    public static IReadOnlyList<(double[] Grid, double[] Nll)> ReadCurves(StageContext context, string step)
    {
        ArgumentNullException.ThrowIfNull(context);
        return NuisanceNames(context.Config.Analysis).Select(name => ScanCsv.Read1D(context.PathOf(OneDPath(step, name)))).ToList();
    }

    /// <summary>Figure (e)'s panels: per nuisance, one curve of each labelled step, with the true value.</summary>
    public static IReadOnlyList<Scan1D> Panels(IReadOnlyList<string> names, IReadOnlyDictionary<string, double> truth, params (string Label, IReadOnlyList<(double[] Grid, double[] Nll)> Curves)[] steps) =>
        names.Select((name, n) => new Scan1D(name,
            steps.Select(s => ScanCurve.FromNll(s.Label, s.Curves[n].Grid, s.Curves[n].Nll)).ToList(),
            truth.TryGetValue(name, out double v) ? v : null)).ToList();

    /// <summary>The 2-D scans as plot panels (rows over the second nuisance), with best fit and true point.</summary>
    public IReadOnlyList<Scan2D> TwoDPanels(string title, IReadOnlyDictionary<string, double> truth) =>
        TwoD.Select(scan => ToPanel(title, PairOf(scan), scan.GridI, scan.GridJ, scan.Nll, (Best[scan.IndexI], Best[scan.IndexJ]), truth)).ToList();

    /// <summary>A 2-D panel of a scan nll[a, b] at (first[a], second[b]).</summary>
    public static Scan2D ToPanel(string title, (string First, string Second) pair, double[] first, double[] second, double[,] nll, (double, double)? best, IReadOnlyDictionary<string, double> truth)
    {
        double min = nll.Cast<double>().Min();
        var rows = second.Select((_, b) => first.Select((_, a) => 2 * (nll[a, b] - min)).ToArray()).ToArray();
        (double, double)? truePoint = truth.TryGetValue(pair.First, out double x) && truth.TryGetValue(pair.Second, out double y) ? (x, y) : null;
        return new Scan2D(title, pair.First, pair.Second, first, second, rows, best, truePoint);
    }
}
