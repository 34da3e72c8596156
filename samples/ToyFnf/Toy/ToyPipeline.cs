using FnfDsl.Pipeline;
using ToyFnf.Analysis;

namespace ToyFnf.Toy;

/// <summary>The toy analysis' pipeline: the standard one, plus the toy generator in front and the DoI closure after the fit.</summary>
public static class ToyPipeline
{
    /// <summary>The pipeline of <see cref="ToyAnalysis"/> with the toy's extensions; <paramref name="sizes"/> fixes the toy's sample sizes (tests).</summary>
    public static AnalysisPipeline Create(SampleSizes? sizes = null)
    {
        var pipeline = ToyAnalysis.Cli.Pipeline();
        pipeline.Title = "ToyFnf";
        pipeline.Summary =
            "The end-to-end FNF example on the two-flavour toy dataset: nominal flows, FNF systematics, step-1 DoI fit, scans, " +
            "step-2 amortized profiling, Hessian modes, DoI bands, a Poisson-bootstrap ensemble and post-fit pseudo-data.";
        pipeline.GeneratedInputs = ToyGenerateStage.ManifestPath;
        pipeline.Options.Add(new ExtraOption("inject", "Nuisances injected into the generated data, e.g. nu_x=1,nu_y=-0.5 (names: nu_x, nu_y, norm_A, norm_B)."));
        pipeline.Stages.Insert(0, new ToyGenerateStage(sizes));
        pipeline.InsertAfter("fit", new ToyDoiClosureStage());
        pipeline.Report.Add(ToyDoiClosureStage.Report);
        return pipeline;
    }
}
