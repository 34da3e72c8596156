using FnfDsl.Analysis;
using FnfDsl.Training;
using ToyFnf.Dataset;

namespace FnfDsl.Tests.Analysis;

/// Nominal flows and FNF heads of the toy analysis, trained once and saved, so that every DoI test starts from a
/// fresh copy of the same simulation model (the DoI and residual at their identity initialisation).
public sealed class TrainedToySimulation : IDisposable
{
    public const double DataYield = 1500;

    public TrainedToySimulation()
    {
        Spec = ToyFixture.Spec(DataYield, bins: 8, hidden: [32, 32]) with { FeatureFlow = new FlowSizes(2, 8, [32, 32]) };
        var (nominal, variations) = ToyFixture.SimulationSamples(10_000, 5_000, 101);
        // The DoI's standardisation comes from a nominal-like data sample; every scenario shares it.
        var reference = ToyFixture.Events(ToyGenerator.Data(DataYield, DataYield, 7), "reference");
        var model = new AnalysisModel(Spec, Normalization.Fit(nominal.Events.X, nominal.Events.Y, reference.Y), new AnalysisModelOptions { Seed = 3 });
        var train = new TrainerOptions { Epochs = 6, BatchSize = 512, LearningRate = 3e-3, Seed = 5, ValidationFraction = 0.1 };
        NominalTraining.Train(model, nominal, train);
        SystematicsTraining.Train(model, variations, train with { Epochs = 5 });
        Directory = System.IO.Directory.CreateTempSubdirectory("fnfdsl-toy-sim").FullName;
        Path = System.IO.Path.Combine(Directory, "simulation.pt");
        model.Save(Path);
    }

    /// The test-sized toy declaration.
    public AnalysisSpec Spec { get; }

    /// Folder of the saved model.
    public string Directory { get; }

    /// The saved simulation model.
    public string Path { get; }

    /// A fresh copy of the trained simulation model (DoI at the identity, residual at the identity).
    public AnalysisModel Load() => AnalysisModel.Load(Spec, Path, new AnalysisModelOptions { Seed = 3 });

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
