using System.Diagnostics;
using FnfDsl.Analysis;
using FnfDsl.Tests.Analysis;
using FnfDsl.Training;

namespace FnfDsl.Tests.Fnf;

/// The toy analysis (no DoI) after the two-stage training: nominal flows on nominal simulation, then the
/// FNF heads on the +-1 sigma variation samples. Trained once for all toy FNF tests.
public sealed class ToyFnfFixture
{
    public const double Yield = 3000;

    public ToyFnfFixture()
    {
        var toy = ToyFixture.Spec(Yield, bins: 8, hidden: [32, 32]);
        // Heads of the paper's size (32x2).
        Spec = toy with
        {
            Doi = null,
            FeatureFlow = new FlowSizes(2, 8, [32, 32]),
            ShapeNuisances = toy.ShapeNuisances.Select(n => n with { HeadHidden = [32, 32] }).ToArray(),
        };
        var (nominal, variations) = ToyFixture.SimulationSamples(nominal: 30_000, variation: 10_000, seed: 211);
        Model = new AnalysisModel(Spec, Normalization.Fit(nominal.Events.X, nominal.Events.Y, nominal.Events.Y), new AnalysisModelOptions { Seed = 3 });
        var watch = Stopwatch.StartNew();
        NominalTraining.Train(Model, nominal, new TrainerOptions { Epochs = 25, BatchSize = 512, LearningRate = 3e-3, Seed = 5 });
        NominalSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        SystematicsTraining.Train(Model, variations, new TrainerOptions { Epochs = 20, BatchSize = 512, LearningRate = 3e-3, Seed = 6 });
        SystematicSeconds = watch.Elapsed.TotalSeconds;
    }

    /// The test-sized toy declaration without DoI.
    public AnalysisSpec Spec { get; }

    /// The trained model (frozen).
    public AnalysisModel Model { get; }

    /// Wall time of stage 1 and stage 2.
    public double NominalSeconds { get; }
    public double SystematicSeconds { get; }
}
