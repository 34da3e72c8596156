using System.Globalization;
using FnfDsl.Analysis;
using FnfDsl.Profiling;
using ToyFnf.Analysis;
using ToyFnf.Configuration;
using ToyFnf.Dataset;
using ToyFnf.Diagnostics;
using ToyFnf.Inputs;
using ToyFnf.Output;
using ToyFnf.Plots;
using ToyFnf.Results;
using static TorchSharp.torch;

namespace ToyFnf.Stages;

/// <summary>
/// The Hessian of the profiled NLL at the step-2 minimum and its eigen-modes (method.md section 4): the DoI shift of
/// each principal mode on a feature grid at a few x values per flavour (figure g), and DoI bands for nu drawn from
/// N(nu_hat, H^-1) (figure h).
/// </summary>
public sealed class HessianStage : IStage
{
    /// <summary>Offset of this stage's seeds from the run's master seed.</summary>
    private const long SeedOffset = 6_000;

    /// <summary>Step of the finite-difference check of the Hessian: small, since float64 gradients allow it and a knot of a spline crossed within the step is what the check should not see.</summary>
    public const double FiniteDifferenceStep = 1e-6;

    private static readonly ToyFlavour[] Flavours = [ToyFlavour.A, ToyFlavour.B];

    /// <inheritdoc />
    public string Name => "hessian";

    /// <inheritdoc />
    public string Description => "Hessian at the step-2 minimum: eigen-modes, principal DoI variations (figure g) and DoI bands (figure h).";

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts(RunConfig config) =>
    [
        ResultSections.Hessian,
        .. Flavours.SelectMany(f => DoiProbes.XValues(f).Select(x => Figures.PrincipalModes.PathFor(DoiProbes.Variant(f, x)))),
        .. Flavours.SelectMany(f => ToyColumns.Features.Select(feature => Figures.DoiBands.PathFor($"{f}_{feature}"))),
    ];

    /// <inheritdoc />
    public object Fingerprint(RunConfig config) => new { config.Settings.Bands, config.Seed };

    /// <inheritdoc />
    public void Run(StageContext context)
    {
        var inputs = AnalysisInputs.Open(context.Config.OutDir);
        var data = inputs.Data();
        var model = ModelFile.Step2.Load(context);
        var step2 = ArtifactJson.Read<FitSummary>(context.PathOf(ResultSections.Step2));
        double[] best = ToyNuisanceMap.Vector(step2.Nuisances.ToDictionary(n => n.Name, n => n.BestFit));

        var profiler = AnalysisProfiler.Amortized(model, data);
        // The exact autograd Hessian (method.md section 4), checked against central differences of the autograd gradient
        // (the median of three disjoint windows: spline flows are C1, and a knot crossed inside a window spoils it).
        var raw = FnfDsl.Profiling.Derivatives.ValueGradientHessian(profiler.Objective, best).Hessian;
        var rawModes = FnfDsl.Profiling.EigenModes.Of(raw);
        if (!(rawModes.Eigenvalues.Min() > 0))
            throw new InvalidOperationException(
                "The Hessian at the step-2 minimum is not positive definite (eigenvalues " +
                string.Join(", ", rawModes.Eigenvalues.Select(l => l.ToString("G4", CultureInfo.InvariantCulture))) + " at " +
                string.Join(", ", best.Select((v, k) => $"{ToyNuisanceMap.ToyNames[k]} = {v.ToString("G4", CultureInfo.InvariantCulture)}")) +
                "): the step-2 fit did not reach a minimum inside the amortization box; train the DoI and the residual longer.");
        var hessian = profiler.HessianFrom(best, raw);
        var differences = FnfDsl.Profiling.Derivatives.FiniteDifferenceHessian(profiler.Objective, best, FiniteDifferenceStep);
        double worst = Derivatives.MaxRelativeDifference(hessian.Hessian, differences);
        var summary = new HessianSummary(ToyNuisanceMap.ToyNames,
            Enumerable.Range(0, best.Length).Select(i => Enumerable.Range(0, best.Length).Select(j => hessian.Hessian[i, j]).ToArray()).ToArray(),
            hessian.Modes.Eigenvalues, hessian.Modes.Eigenvectors,
            "autograd, row by row, at the step-2 minimum",
            FiniteDifferenceStep, worst);
        ResultSections.Write(context, ResultSections.Hessian, summary);
        context.Log("eigenvalues " + string.Join(", ", summary.Eigenvalues.Select(l => l.ToString("G4", CultureInfo.InvariantCulture))) +
                    "; profiled errors " + string.Join(", ", hessian.Errors.Select((e, k) => $"{ToyNuisanceMap.ToyNames[k]} {e:F3}")) +
                    $"; largest difference from finite differences {worst:P2} of the diagonal scale");

        var table = inputs.DataWithTruth();
        var bands = context.Settings.Bands;
        using var generator = new Generator((ulong)(context.Config.Seed + SeedOffset));
        var progress = context.Progress.Track("principal modes and bands");
        int done = 0, total = Flavours.Length;
        foreach (var flavour in Flavours)
        {
            int f = AnalysisInputs.FlavourIndex(flavour);
            var xs = DoiProbes.XValues(flavour);
            var ranges = xs.Select(x => DoiProbes.FeatureRanges(table, flavour, x)).ToArray();
            for (int p = 0; p < xs.Length; p++)
            {
                var (g1, g2) = DoiProbes.Grid(ranges[p], bands.GridPoints);
                using var y = Points(g1, g2);
                var modes = DoiVariations.Principal(model, hessian, y, [xs[p]], f)
                    .Select(v => new PrincipalMode(v.Eigenvalue, v.Direction, Column(v.ShiftUp, 0), Column(v.ShiftUp, 1))).ToList();
                PrincipalModesPlot.Save(context.PathOf(Figures.PrincipalModes.PathFor(DoiProbes.Variant(flavour, xs[p]))),
                    $"flavour {flavour}, x = {xs[p].ToString("0.0", CultureInfo.InvariantCulture)}", ToyNuisanceMap.ToyNames, g1, g2, modes);
            }
            for (int d = 0; d < ToyColumns.Features.Count; d++)
            {
                var grid = Binning.UniformEdges(ranges.Min(r => r[d].Low), ranges.Max(r => r[d].High), bands.CurvePoints - 1);
                var panels = xs.Select((x, p) => Band(model, hessian, flavour, f, x, d, grid, ranges[p][1 - d].Median, bands.ContourSamples, generator)).ToList();
                DoiBandPlot.Save(context.PathOf(Figures.DoiBands.PathFor($"{flavour}_{ToyColumns.Features[d]}")), ToyColumns.Features[d], grid, panels,
                    $"DoI shift T(y; nu) - y of {ToyColumns.Features[d]}");
            }
            progress.Report(new Progress.StageProgress(1, 1, ++done, total, EpochCompleted: done == total));
        }
    }

    /// <summary>
    /// The band of feature <paramref name="d"/> along <paramref name="grid"/> (the other feature at <paramref name="other"/>):
    /// the best-fit shift T(y; nu_hat) - y and its 16-84 % quantiles over nu ~ N(nu_hat, H^-1).
    /// </summary>
    private static Plots.DoiBand Band(AnalysisModel model, HessianResult hessian, ToyFlavour flavour, int f, double x, int d, double[] grid, double other, int draws, Generator generator)
    {
        var y1 = d == 0 ? grid : grid.Select(_ => other).ToArray();
        var y2 = d == 1 ? grid : grid.Select(_ => other).ToArray();
        using var y = Points(y1, y2);
        var band = DoiVariations.Band(model, hessian, y, [x], f, draws, generator);
        using var mapped = DoiVariations.Map(model, y, [x], f, hessian.At);
        using var shiftTensor = (mapped - y).to_type(ScalarType.Float64).contiguous();
        var flat = shiftTensor.data<double>().ToArray();
        var central = grid.Select((_, i) => flat[i * 2 + d]).ToArray();
        var low = Column(band.Low, d).Select((v, i) => central[i] + v).ToArray();
        var high = Column(band.High, d).Select((v, i) => central[i] + v).ToArray();
        string label = ToyColumns.Features[d];
        return new Plots.DoiBand($"flavour {flavour}, x = {x.ToString("0.0", CultureInfo.InvariantCulture)}: shift of {label} along {label}", central, low, high);
    }

    /// <summary>Feature points [P, 2] (y1, y2) in the model's dtype.</summary>
    private static Tensor Points(double[] y1, double[] y2) =>
        tensor(y1.Zip(y2).SelectMany(p => new[] { p.First, p.Second }).ToArray(), [y1.Length, 2], ToyRunSpec.Dtype);

    private static double[] Column(double[,] values, int column) =>
        Enumerable.Range(0, values.GetLength(0)).Select(i => values[i, column]).ToArray();
}
