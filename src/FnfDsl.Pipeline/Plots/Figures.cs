namespace FnfDsl.Pipeline.Plots;

/// <summary>The catalogue of the run's figures, in the order of the chain.</summary>
public static class Figures
{
    /// <summary>(a) Data against the nominal simulation.</summary>
    public static FigureKind DataVsSimulation { get; } = new(
        "data_vs_simulation", "Data vs nominal simulation",
        "Histograms of y1 and y2 in bins of x: the distorted data (points) against the nominal simulation scaled to the data count, flavours dashed, ratio below.");

    /// <summary>(b) FNF residual shift.</summary>
    public static FigureKind ResidualShift { get; } = new(
        "fnf_residual_shift", "FNF residual shift",
        "Where the learned systematic map moves a nominal event at nu = +1 and -1: the mean shift S^-1(y) - y of each variable versus x, with its 16-84 % band (x itself for a kinematic nuisance); zero at nu = 0 by construction.");

    /// <summary>(d) Post-fit pseudo-data against the data.</summary>
    public static FigureKind PostFit { get; } = new(
        "postfit", "Post-fit pseudo-data vs data",
        "Pseudo-data sampled from the fitted mixture model (at the best-fit nuisances) against the data, per feature and x bin, with data/model ratios.");

    /// <summary>(e) 1-D likelihood scans.</summary>
    public static FigureKind Scan1D { get; } = new(
        "scan1d", "1-D likelihood scans",
        "2 Delta NLL versus each nuisance: step 1 (DoI fixed at the global fit) and step 2 (amortized DoI) overlaid; the crossings of 1 and 3.84 give the 68 % and 95 % intervals.");

    /// <summary>Profile likelihood of the parameters of interest.</summary>
    public static FigureKind PoiScan { get; } = new(
        "poi_scan", "Parameters of interest",
        "2 Delta NLL versus each parameter of interest with every nuisance minimised; the crossings of 1 and 3.84 give its 68 % and 95 % intervals.");

    /// <summary>Pulls and constraints of the nuisances.</summary>
    public static FigureKind Pulls { get; } = new(
        "pulls", "Nuisance pulls and constraints",
        "Each nuisance's best fit with its 68 % interval, in units of its prior width: a point off zero is a pull, an interval narrower than +-1 a constraint by the data.");

    /// <summary>(f) 2-D likelihood scans.</summary>
    public static FigureKind Scan2D { get; } = new(
        "scan2d", "2-D likelihood scans",
        "2 Delta NLL over a pair of nuisances with the 68 % (2.30) and 95 % (5.99) contours, the best fit and the injected point.");

    /// <summary>(g) Principal-mode DoI variations.</summary>
    public static FigureKind PrincipalModes { get; } = new(
        "principal_modes", "Principal modes of the DoI",
        "Shift of the DoI over (y1, y2) when the nuisances move by one width along each Hessian eigenvector, T(y; nu_hat + e_m / sqrt(lambda_m)) - T(y; nu_hat).");

    /// <summary>(h) DoI bands.</summary>
    public static FigureKind DoiBands { get; } = new(
        "doi_bands", "DoI bands",
        "Envelope of the DoI shift versus a feature over the nuisances allowed by the fit (68 % and 95 %), around the best-fit shift.");

    /// <summary>Every figure kind of the pipeline, in the order of the chain (extensions add theirs to the pipeline).</summary>
    public static IReadOnlyList<FigureKind> All { get; } =
        [DataVsSimulation, ResidualShift, PostFit, Scan1D, Scan2D, PoiScan, Pulls, PrincipalModes, DoiBands];

    /// <summary>The PNG files of <paramref name="kind"/> present in the run folder, as artifact paths, sorted.</summary>
    public static IReadOnlyList<string> FilesOf(string outDir, FigureKind kind) =>
        PngFiles(outDir).Where(kind.Matches).Select(f => $"{FigureKind.Folder}/{f}").ToList();

    /// <summary>PNG files in the figures folder that belong to no catalogued kind, as artifact paths, sorted.</summary>
    public static IReadOnlyList<string> Uncatalogued(string outDir) =>
        PngFiles(outDir).Where(f => !All.Any(k => k.Matches(f))).Select(f => $"{FigureKind.Folder}/{f}").ToList();

    private static IEnumerable<string> PngFiles(string outDir)
    {
        string folder = Path.Combine(outDir, FigureKind.Folder);
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateFiles(folder, "*.png").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);
    }
}
