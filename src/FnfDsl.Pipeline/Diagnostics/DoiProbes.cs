using System.Globalization;
using FnfDsl.Analysis;
using FnfDsl.Pipeline.Plots;
using FnfDsl.Pipeline.Stages;
using static TorchSharp.torch;

namespace FnfDsl.Pipeline.Diagnostics;

/// <summary>
/// Where the DoI's variations are drawn (figures g and h): per flavour, a few points of the first kinematic variable the
/// DoI is conditioned on (its nominal simulation's quantiles at Phi(-0.8), 1/2 and Phi(0.8): the mean and +-0.8 widths of
/// a normal distribution), the other kinematics at their median; at each, the feature range of that flavour's nominal
/// simulation nearby.
/// </summary>
public static class DoiProbes
{
    /// <summary>Quantiles of the probed kinematic points.</summary>
    private static readonly double[] Quantiles = [0.2119, 0.5, 0.7881];

    /// <summary>Half-width of the kinematic window whose events set a probe's feature range, in widths of the variable.</summary>
    public const double Window = 0.4;

    /// <summary>Events a window needs; with fewer, the flavour's whole nominal sample sets the range.</summary>
    public const int MinimumEvents = 20;

    /// <summary>The figure variants: principal-mode fields (DoIs of two or more features) per flavour and probe, bands per flavour and DoI feature.</summary>
    public static (IReadOnlyList<string> Modes, IReadOnlyList<string> Bands) Figures(AnalysisSpec spec, string inputsPath)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Doi is not { } doi) return ([], []);
        int probes = doi.Given.Length > 0 ? Quantiles.Length : 1;
        var modes = doi.Of.Length >= 2
            ? spec.Flavours.SelectMany(f => Enumerable.Range(1, probes).Select(p => $"{f.Name}_p{p}")).ToList()
            : [];
        var bands = spec.Flavours.SelectMany(f => doi.Of.Select(feature => $"{f.Name}_{feature}")).ToList();
        return (modes, bands);
    }

    /// <summary>Draws every principal-mode and band figure of <see cref="Figures"/> for the fitted <paramref name="model"/>.</summary>
    public static void Draw(StageContext context, AnalysisModel model, HessianResult hessian, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(model);
        var spec = model.Spec;
        var doi = spec.Doi!;
        var of = model.DoiOf;
        int given = doi.Given.Length > 0 ? Array.FindIndex(spec.Kinematics, k => k.Name == doi.Given[0]) : -1;
        var bands = context.Settings.Bands;
        var progress = context.Progress.Track("principal modes and bands");
        for (int f = 0; f < spec.Flavours.Length; f++)
        {
            string flavour = spec.Flavours[f].Name;
            var tables = context.Inputs.NominalTables(f);
            var x = spec.Kinematics.Select(k => tables.SelectMany(t => context.Inputs.Values(t, k)).ToArray()).ToArray();
            var y = spec.Features.Select(v => tables.SelectMany(t => context.Inputs.Values(t, v)).ToArray()).ToArray();
            var probes = Probes(x, y, given);
            if (of.Length >= 2)
            {
                for (int p = 0; p < probes.Count; p++)
                {
                    var (g1, g2) = Grid(probes[p].Ranges[of[0]], probes[p].Ranges[of[1]], bands.GridPoints);
                    using var points = Points(probes[p], g1.Length, model.Options.Dtype, (of[0], g1), (of[1], g2));
                    var modes = DoiVariations.Principal(model, hessian, points, probes[p].Kinematics, f)
                        .Select(v => new PrincipalMode(v.Eigenvalue, v.Direction, Column(v.ShiftUp, of[0]), Column(v.ShiftUp, of[1]))).ToList();
                    PrincipalModesPlot.Save(context.PathOf(Plots.Figures.PrincipalModes.PathFor($"{flavour}_p{p + 1}")),
                        $"flavour {flavour}{probes[p].Where(spec)}", model.NuisanceNames, g1, g2, modes, spec.Features[of[0]].Name, spec.Features[of[1]].Name);
                }
            }
            foreach (int d in of)
            {
                var grid = Binning.UniformEdges(probes.Min(p => p.Ranges[d].Low), probes.Max(p => p.Ranges[d].High), bands.CurvePoints - 1);
                var panels = probes.Select(p => Band(model, hessian, spec, p, f, d, grid, bands.ContourSamples, generator)).ToList();
                string feature = spec.Features[d].Name;
                DoiBandPlot.Save(context.PathOf(Plots.Figures.DoiBands.PathFor($"{flavour}_{feature}")), feature, grid, panels, $"DoI shift T(y; nu) - y of {feature}");
            }
            progress.Report(new Progress.StageProgress(1, 1, f + 1, spec.Flavours.Length, EpochCompleted: f + 1 == spec.Flavours.Length));
        }
    }

    /// <summary>One probe: the kinematic point, and the 5-95 % range and median of each feature nearby.</summary>
    private sealed record Probe(double[] Kinematics, int Given, (double Low, double High, double Median)[] Ranges)
    {
        public string Where(AnalysisSpec spec) =>
            Given < 0 ? "" : $", {spec.Kinematics[Given].Name} = {Kinematics[Given].ToString("G3", CultureInfo.InvariantCulture)}";
    }

    private static List<Probe> Probes(double[][] x, double[][] y, int given)
    {
        var medians = x.Select(c => Binning.Quantile(c.Order().ToArray(), 0.5)).ToArray();
        if (given < 0) return [new Probe(medians, given, Ranges(y, Enumerable.Range(0, y[0].Length).ToArray()))];
        var sorted = x[given].Order().ToArray();
        double width = StdDev(sorted);
        int decimals = width > 0 ? Math.Max(0, -(int)Math.Floor(Math.Log10(width))) : 2;
        return Quantiles.Select(q =>
        {
            var point = (double[])medians.Clone();
            point[given] = Math.Round(Binning.Quantile(sorted, q), decimals);
            var near = Enumerable.Range(0, x[given].Length).Where(i => Math.Abs(x[given][i] - point[given]) < Window * width).ToArray();
            return new Probe(point, given, Ranges(y, near.Length >= MinimumEvents ? near : Enumerable.Range(0, x[given].Length).ToArray()));
        }).ToList();
    }

    private static (double Low, double High, double Median)[] Ranges(double[][] y, int[] rows) =>
        y.Select(column =>
        {
            var values = rows.Select(i => column[i]).Order().ToArray();
            return (Binning.Quantile(values, 0.05), Binning.Quantile(values, 0.95), Binning.Quantile(values, 0.5));
        }).ToArray();

    /// <summary>A square grid of <paramref name="points"/> x <paramref name="points"/> values (first axis fastest) over two ranges.</summary>
    private static (double[] First, double[] Second) Grid((double Low, double High, double Median) first, (double Low, double High, double Median) second, int points)
    {
        var g1 = Binning.UniformEdges(first.Low, first.High, points - 1);
        var g2 = Binning.UniformEdges(second.Low, second.High, points - 1);
        return (g2.SelectMany(_ => g1).ToArray(), g2.SelectMany(v => g1.Select(_ => v)).ToArray());
    }

    /// <summary>Feature points [P, Dy]: the given columns from the grids, every other feature at the probe's median.</summary>
    private static Tensor Points(Probe probe, int count, ScalarType dtype, params (int Feature, double[] Values)[] columns)
    {
        int dy = probe.Ranges.Length;
        var values = new double[count * dy];
        for (int i = 0; i < count; i++)
            for (int d = 0; d < dy; d++) values[i * dy + d] = probe.Ranges[d].Median;
        foreach (var (feature, column) in columns)
            for (int i = 0; i < count; i++) values[i * dy + feature] = column[i];
        return tensor(values, [count, dy], dtype);
    }

    /// <summary>The band of feature <paramref name="d"/> along <paramref name="grid"/>: the best-fit shift T(y; nu_hat) - y and its 16-84 % quantiles over nu ~ N(nu_hat, H^-1).</summary>
    private static Plots.DoiBand Band(AnalysisModel model, HessianResult hessian, AnalysisSpec spec, Probe probe, int f, int d, double[] grid, int draws, Generator generator)
    {
        using var y = Points(probe, grid.Length, model.Options.Dtype, (d, grid));
        var band = DoiVariations.Band(model, hessian, y, probe.Kinematics, f, draws, generator);
        using var mapped = DoiVariations.Map(model, y, probe.Kinematics, f, hessian.At[spec.Pois.Length..]);
        using var shiftTensor = (mapped - y).to_type(ScalarType.Float64).contiguous();
        var flat = shiftTensor.data<double>().ToArray();
        int dy = spec.Features.Length;
        var central = grid.Select((_, i) => flat[i * dy + d]).ToArray();
        var low = Column(band.Low, d).Select((v, i) => central[i] + v).ToArray();
        var high = Column(band.High, d).Select((v, i) => central[i] + v).ToArray();
        string label = spec.Features[d].Name;
        return new Plots.DoiBand($"flavour {spec.Flavours[f].Name}{probe.Where(spec)}: shift of {label} along {label}", central, low, high);
    }

    private static double[] Column(double[,] values, int column) =>
        Enumerable.Range(0, values.GetLength(0)).Select(i => values[i, column]).ToArray();

    private static double StdDev(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}
