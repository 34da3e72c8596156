using System.Globalization;
using FnfDsl.Analysis;
using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Diagnostics;
using FnfDsl.Pipeline.Output;
using FnfDsl.Pipeline.Plots;
using FnfDsl.Pipeline.Results;
using FnfDsl.Profiling;
using static TorchSharp.torch;

namespace FnfDsl.Pipeline.Stages;

/// <summary>
/// The Hessian of the profiled NLL at the final minimum and its eigen-modes (method.md section 4); with a DoI, the DoI
/// shift of each principal mode on a feature grid at a few kinematic points per flavour (figure g), and DoI bands for nu
/// drawn from N(nu_hat, H^-1) (figure h). Also the pull/constraint figure of every nuisance.
/// </summary>
public sealed class HessianStage : IStage
{
    /// <summary>Offset of this stage's seeds from the run's master seed.</summary>
    private const long SeedOffset = 6_000;

    /// <summary>Step of the finite-difference check of the Hessian: small, since float64 gradients allow it and a knot of a spline crossed within the step is what the check should not see.</summary>
    public const double FiniteDifferenceStep = 1e-6;

    /// <inheritdoc />
    public string Name => "hessian";

    /// <inheritdoc />
    public string Description => "Hessian at the final minimum: eigen-modes, pulls, principal DoI variations (figure g) and DoI bands (figure h); writes results/hessian.json and figures.";

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts(RunConfig config)
    {
        var probes = DoiProbes.Figures(config.Analysis, config.InputsPath);
        return [ResultSections.Hessian, Figures.Pulls.PathFor(), .. probes.Modes.Select(v => Figures.PrincipalModes.PathFor(v)), .. probes.Bands.Select(v => Figures.DoiBands.PathFor(v))];
    }

    /// <inheritdoc />
    public object Fingerprint(RunConfig config) => new { config.Settings.Bands, config.Seed };

    /// <inheritdoc />
    public void Run(StageContext context)
    {
        var spec = context.Analysis;
        var data = context.Inputs.Data();
        var (model, fit, best) = BestFit.Final(context);
        var names = model.Spec.Pois.Select(p => p.Name).Concat(model.NuisanceNames).ToList();

        var profiler = spec.Doi is null ? AnalysisProfiler.Simulation(model, data) : AnalysisProfiler.Amortized(model, data);
        // The exact autograd Hessian (method.md section 4), checked against central differences of the autograd gradient
        // (the median of three disjoint windows: spline flows are C1, and a knot crossed inside a window spoils it).
        var raw = Derivatives.ValueGradientHessian(profiler.Objective, best).Hessian;
        var rawModes = EigenModes.Of(raw);
        if (!(rawModes.Eigenvalues.Min() > 0))
            throw new InvalidOperationException(
                "The Hessian at the final minimum is not positive definite (eigenvalues " +
                string.Join(", ", rawModes.Eigenvalues.Select(l => l.ToString("G4", CultureInfo.InvariantCulture))) + " at " +
                string.Join(", ", best.Select((v, k) => $"{names[k]} = {v.ToString("G4", CultureInfo.InvariantCulture)}")) +
                "): the fit did not reach a minimum (inside the amortization box with a DoI); train the densities longer.");
        var hessian = profiler.HessianFrom(best, raw);
        var differences = Derivatives.FiniteDifferenceHessian(profiler.Objective, best, FiniteDifferenceStep);
        double worst = Derivatives.MaxRelativeDifference(hessian.Hessian, differences);
        var summary = new HessianSummary(names,
            Enumerable.Range(0, best.Length).Select(i => Enumerable.Range(0, best.Length).Select(j => hessian.Hessian[i, j]).ToArray()).ToArray(),
            hessian.Modes.Eigenvalues, hessian.Modes.Eigenvectors,
            $"autograd, row by row, at the {(spec.Doi is null ? "fit" : "step-2")} minimum",
            FiniteDifferenceStep, worst, hessian.Errors);
        ResultSections.Write(context, ResultSections.Hessian, summary);
        context.Log("eigenvalues " + string.Join(", ", summary.Eigenvalues.Select(l => l.ToString("G4", CultureInfo.InvariantCulture))) +
                    "; errors " + string.Join(", ", hessian.Errors.Select((e, k) => $"{names[k]} {e:F3}")) +
                    $"; largest difference from finite differences {worst:P2} of the diagonal scale");
        PullsPlot.Save(context.PathOf(Figures.Pulls.PathFor()), fit.Nuisances, hessian.Errors[spec.Pois.Length..], context.Inputs.Truth);

        if (spec.Doi is null) return;
        DoiProbes.Draw(context, model, hessian, new Generator((ulong)(context.Config.Seed + SeedOffset)));
    }
}
