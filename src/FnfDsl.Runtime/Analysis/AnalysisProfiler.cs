using FnfDsl.Doi;
using FnfDsl.Likelihood;
using FnfDsl.Profiling;

namespace FnfDsl.Analysis;

/// <summary>
/// Profiling of an analysis' NLL over p = (POIs, nuisances) on a dataset: global fit, 1-D and 2-D scans, Hessian and
/// its modes, POI significance. With the DoI fixed (step 1), through the amortized DoI (step 2), or without a DoI.
/// </summary>
/// <remarks>With the amortized model every NLL evaluation is one pass over the data with no retraining (method.md section 4).</remarks>
public sealed class AnalysisProfiler
{
    private readonly MinimizeOptions bounds;

    /// <summary>A profiler of <paramref name="model"/> on <paramref name="data"/> through the given densities.</summary>
    public AnalysisProfiler(AnalysisModel model, EventData data, IFlavourDensities densities)
    {
        Model = model;
        Data = data;
        Likelihood = model.Likelihood(densities);
        Objective = Likelihood.AsObjective(data);
        Names = [.. model.Spec.Pois.Select(p => p.Name), .. model.NuisanceNames];
        int k = model.Mixture.NuisanceCount;
        bounds = new MinimizeOptions
        {
            Lower = [.. model.Spec.Pois.Select(p => p.Min), .. Enumerable.Repeat(double.NegativeInfinity, k)],
            Upper = [.. model.Spec.Pois.Select(p => p.Max), .. Enumerable.Repeat(double.PositiveInfinity, k)],
        };
    }

    /// <summary>Profiling with the step-1 DoI fixed.</summary>
    public static AnalysisProfiler Step1(AnalysisModel model, EventData data) => new(model, data, model.DataDensities(amortized: false));

    /// <summary>Profiling with the amortized (step-2) DoI T(.; nu).</summary>
    public static AnalysisProfiler Amortized(AnalysisModel model, EventData data) => new(model, data, model.DataDensities(amortized: true));

    /// <summary>Profiling of simulation densities only (no DoI): nuisance fits of undistorted data.</summary>
    public static AnalysisProfiler Simulation(AnalysisModel model, EventData data) => new(model, data, model.SimulationDensities());

    /// <summary>The model.</summary>
    public AnalysisModel Model { get; }

    /// <summary>The events.</summary>
    public EventData Data { get; }

    /// <summary>The likelihood.</summary>
    public MixtureLikelihood Likelihood { get; }

    /// <summary>The NLL as an objective of p = (POIs, nuisances).</summary>
    public Objective Objective { get; }

    /// <summary>Parameter names in p order.</summary>
    public string[] Names { get; }

    /// <summary>POI initial values then nominal nuisances: the default start.</summary>
    public double[] Start => [.. Model.Spec.Pois.Select(p => p.Initial), .. new double[Model.Mixture.NuisanceCount]];

    /// <summary>Index of a parameter in p, with a clear error for an unknown name.</summary>
    public int IndexOf(string name)
    {
        int i = Array.IndexOf(Names, name);
        return i >= 0 ? i : throw new ArgumentException($"'{name}' is not a parameter of analysis '{Model.Spec.Name}' ({string.Join(", ", Names)}).", nameof(name));
    }

    /// <summary>NLL at p.</summary>
    public double Nll(double[] p) => Derivatives.Value(Objective, p);

    /// <summary>Global minimum over every parameter (POIs within their bounds).</summary>
    public MinimizeResult Fit(double[]? start = null) => Minimizer.Minimize(Objective, start ?? Start, bounds);

    /// <summary>
    /// Global minimum with the nuisances inside <paramref name="box"/> (where an amortized DoI was trained), the POIs within
    /// their bounds; <paramref name="settings"/> gives iterations and tolerance (its bounds are replaced).
    /// </summary>
    public MinimizeResult FitIn(NuBox box, double[]? start = null, MinimizeOptions? settings = null)
    {
        ArgumentNullException.ThrowIfNull(box);
        int pois = Model.Spec.Pois.Length;
        if (box.Dim != Names.Length - pois) throw new ArgumentException($"The box has {box.Dim} sides for {Names.Length - pois} nuisances.", nameof(box));
        var options = (settings ?? new MinimizeOptions()) with
        {
            Lower = [.. bounds.Lower![..pois], .. box.Low],
            Upper = [.. bounds.Upper![..pois], .. box.High],
        };
        return Minimizer.Minimize(Objective, start ?? Start, options);
    }

    /// <summary>Minimum with the named parameters held at the values in <paramref name="at"/>.</summary>
    public MinimizeResult FitFixed(double[] at, params string[] fixedNames)
    {
        var mask = new bool[Names.Length];
        foreach (var n in fixedNames) mask[IndexOf(n)] = true;
        return Minimizer.Minimize(Objective, at, bounds with { Fixed = mask });
    }

    /// <summary>
    /// 1-D scan of a parameter around <paramref name="best"/>, the others fixed or profiled; <paramref name="settings"/> gives
    /// the profiling minimiser's iterations, tolerance and curvature (its bounds are the POIs').
    /// </summary>
    public Scan1DResult Scan(string name, double[] grid, double[] best, bool profile, MinimizeOptions? settings = null) =>
        Scans.Scan1D(Objective, best, IndexOf(name), grid, profile, WithBounds(settings));

    /// <summary>2-D scan of a pair of parameters around <paramref name="best"/>, the others fixed or profiled (minimiser as in <see cref="Scan"/>).</summary>
    public Scan2DResult Scan2D(string first, string second, double[] gridFirst, double[] gridSecond, double[] best, bool profile, MinimizeOptions? settings = null) =>
        Scans.Scan2D(Objective, best, IndexOf(first), IndexOf(second), gridFirst, gridSecond, profile, WithBounds(settings));

    private MinimizeOptions WithBounds(MinimizeOptions? settings) =>
        settings is null ? bounds : settings with { Lower = bounds.Lower, Upper = bounds.Upper };

    /// <summary>Exact Hessian at <paramref name="at"/> with covariance, eigen-modes and errors.</summary>
    public HessianResult Hessian(double[] at) => HessianFrom(at, Derivatives.ValueGradientHessian(Objective, at).Hessian);

    /// <summary>
    /// The Hessian at <paramref name="at"/> by central differences of the gradient with a step per parameter
    /// (<see cref="FiniteDifferences.Hessian"/>, one window), with covariance, eigen-modes and errors.
    /// </summary>
    public HessianResult FiniteDifferenceHessian(double[] at, double[] steps) => HessianFrom(at, FiniteDifferences.Hessian(Objective, at, steps));

    /// <summary>Covariance, eigen-modes and errors of a Hessian <paramref name="h"/> already computed at <paramref name="at"/>.</summary>
    public HessianResult HessianFrom(double[] at, double[,] h)
    {
        var cov = LinearAlgebra.InverseSpd(h);
        return new HessianResult(Names, at, h, cov, EigenModes.Of(h), Enumerable.Range(0, at.Length).Select(i => Math.Sqrt(cov[i, i])).ToArray());
    }

    /// <summary>Profile likelihood ratio of a POI over <paramref name="grid"/>: best fit, 68 % interval and Z0.</summary>
    public PoiResult Poi(string name, double[] grid, double[]? start = null)
    {
        int i = IndexOf(name);
        if (i >= Model.Spec.Pois.Length) throw new ArgumentException($"'{name}' is a nuisance, not a parameter of interest.", nameof(name));
        var lower = (double[])bounds.Lower!.Clone();
        lower[i] = Math.Min(lower[i], Math.Min(0, grid.Min())); // t_0 needs mu = 0 reachable
        return ProfileLikelihood.Analyse(Objective, start ?? Start, i, grid, bounds with { Lower = lower });
    }
}
