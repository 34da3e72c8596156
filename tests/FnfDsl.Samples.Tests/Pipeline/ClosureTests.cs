using FnfDsl.Samples.Tests.Report;
using ToyFnf.Configuration;
using ToyFnf.Dataset;
using ToyFnf.Output;
using ToyFnf.Results;
using ToyFnf.Stages;

namespace FnfDsl.Samples.Tests.Pipeline;

/// <summary>
/// Closure: data generated with an injected kinematic scale nu_x = +1 give a profiled (step-2, amortized) nu_x within two
/// of its standard errors of +1. Step 1 is not the estimate: with T fitted jointly, nu_x and T co-adapt (its conditional
/// error, T fixed, is too small for that), which is what the amortized profile over T corrects.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ClosureTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>The smallest sizes at which the kinematic flow and the x head resolve a 5 % scale well below its statistical error.</summary>
    private static RunSettings Closure { get; } = RunSettings.Quick with
    {
        Mode = "closure",
        Samples = new SampleSizes(NominalPerFlavour: 10_000, VariationPerShift: 5_000, DataPerFlavour: 5_000),
        NominalTraining = new TrainingSettings(Epochs: 10, BatchSize: 1024, LearningRate: 3e-3),
        SystematicsTraining = new TrainingSettings(Epochs: 6, BatchSize: 1024, LearningRate: 3e-3),
        Step1Fit = new FitSettings(Epochs: 25, BatchSize: 512, LearningRate: 3e-3, NuLearningRate: 3e-2),
        Scans = new ScanSettings(Points1D: 9, Points2D: 3, HalfWidth: 3.0),
    };

    [Fact(Skip = "Issue #6 open: fails at these sizes. Measured (session 3, offset head, full-batch R training) step 2 nu_x = " +
                 "1.266 +- 0.071 (3.7 sigma); before: 1.143 +- 0.061. The simulation-only fit of the undistorted data gives " +
                 "0.99 +- 0.03: the bias comes from the DoI chain (see the doi-closure benchmark, which closes within 1.1 sigma at 3000 events per flavour).")]
    public void InjectedKinematicScale_IsRecoveredWithinTwoSigma()
    {
        var injected = new SortedDictionary<string, double>(StringComparer.Ordinal) { [ToyNuisances.VariationXName] = 1.0 };
        var config = TestRuns.Config(_folder.File("closure"), Closure, seed: 3, injected);

        TestRuns.Run(config, "profile");

        var step2 = ArtifactJson.Read<FitSummary>(ArtifactPath.Resolve(config.OutDir, ResultSections.Step2));
        var nuX = step2.Nuisances.Single(n => n.Name == ToyNuisances.VariationXName);
        Assert.Equal(1.0, nuX.Injected);
        // The standard error on the side of the truth: the 68 % interval's distance from the best fit.
        double sigma = nuX.BestFit < 1.0 ? nuX.OneSigma.High - nuX.BestFit : nuX.BestFit - nuX.OneSigma.Low;
        Assert.True(double.IsFinite(sigma) && sigma > 0 && sigma < 0.5, $"sigma {sigma} (68 %: {nuX.OneSigma})");
        Assert.True(Math.Abs(nuX.BestFit - 1.0) <= 2 * sigma, $"nu_x = {nuX.BestFit} +- {sigma}, injected 1");
    }
}
