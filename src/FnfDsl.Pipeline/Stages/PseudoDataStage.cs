using FnfDsl.Analysis;
using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Diagnostics;
using FnfDsl.Pipeline.Output;
using FnfDsl.Pipeline.Plots;
using FnfDsl.Pipeline.Results;
using static TorchSharp.torch;

namespace FnfDsl.Pipeline.Stages;

/// <summary>
/// Post-fit pseudo-data (method.md section 4): events sampled from the fitted mixture at the best fit (through the
/// amortized DoI's inverse when the analysis has one) against the data, per feature and kinematic bin (figure d).
/// </summary>
public sealed class PseudoDataStage : IStage
{
    /// <summary>Offset of this stage's seeds from the run's master seed.</summary>
    private const long SeedOffset = 8_000;

    /// <summary>Number of x bins of figure (d).</summary>
    public const int FigureXBins = 4;

    /// <inheritdoc />
    public string Name => "pseudo-data";

    /// <inheritdoc />
    public string Description => "Sample pseudo-data from the fitted model at the best fit and draw it against the data (figure d).";

    /// <inheritdoc />
    public IReadOnlyList<string> Artifacts(RunConfig config) => [Figures.PostFit.PathFor()];

    /// <inheritdoc />
    public object Fingerprint(RunConfig config) => new { config.Seed };

    /// <inheritdoc />
    public void Run(StageContext context)
    {
        var spec = context.Analysis;
        var data = context.Inputs.Data();
        var (model, _, best) = BestFit.Final(context);
        int pois = spec.Pois.Length;
        using var generator = new Generator((ulong)(context.Config.Seed + SeedOffset));
        bool doi = spec.Doi is not null;
        var pseudo = PseudoData.Sample(model, best[..pois], best[pois..], generator, throughDoi: doi, amortized: doi);
        context.Log($"post-fit pseudo-data: {pseudo.Count} events against {data.Count} data events");
        var byFlavour = EventColumnsOf.ByFlavour(spec, pseudo.X, pseudo.Y, pseudo.Flavour, "flavour");
        var dataColumns = EventColumnsOf.Tensors(data.X, data.Y);
        var edges = EventColumnsOf.BinEdges(spec, dataColumns, FigureXBins);
        PostFitPlot.Save(context.PathOf(Figures.PostFit.PathFor()), dataColumns, byFlavour, edges, featureNames: spec.Features.Select(v => v.Name).ToArray(),
            xName: spec.Kinematics.Length > 0 ? spec.Kinematics[0].Name : "x");
    }
}
