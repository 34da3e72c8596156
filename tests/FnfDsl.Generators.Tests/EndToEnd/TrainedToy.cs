using FnfDsl.Analysis;
using FnfDsl.Likelihood;
using FnfDsl.Training;
using ToyEndToEnd;
using FnfDsl.Testing.Toy;
using FnfDsl.Tables;
using static TorchSharp.torch;

namespace FnfDsl.Generators.Tests.EndToEnd;

/// <summary>
/// The toy's generated model, trained and fitted once for the end-to-end tests through the generated drivers only:
/// 2 x 1500 nominal events, 8 x 400 variation events, about 1200 undistorted data events; tiny flows, 3 epochs, float64.
/// </summary>
public sealed class TrainedToy : IDisposable
{
    /// <summary>Float64, so that saved and reloaded models agree to rounding.</summary>
    public static readonly AnalysisModelOptions Options = new() { Dtype = ScalarType.Float64, Seed = 5 };

    public TrainedToy()
    {
        var nominalA = Events(ToyGenerator.Simulate(ToyFlavour.A, 1_500, default, seed: 11));
        var nominalB = Events(ToyGenerator.Simulate(ToyFlavour.B, 1_500, default, seed: 12));
        // Undistorted data: the DoI starts at the identity, so the short fit stays where the heads were trained (|nu| <~ 1).
        DataEvents = Events(ToyGenerator.Data(600, 600, seed: 13, distort: false));

        Model = ToyAnalysis.Model.Create(ToyAnalysis.Model.FitNormalization([.. nominalA, .. nominalB], DataEvents), Options);
        var trainer = new TrainerOptions { Epochs = 3, BatchSize = 256, LearningRate = 5e-3, Seed = 1 };

        var nominal = SimulationSample.Concat(
        [
            Model.Simulation(nominalA, ToyAnalysis.Flavour.A, ToyAnalysis.Nuisances.Nominal, "nominal A"),
            Model.Simulation(nominalB, ToyAnalysis.Flavour.B, ToyAnalysis.Nuisances.Nominal, "nominal B"),
        ]);
        Nominal = Model.TrainNominal(nominal, trainer);

        // One sample per shape nuisance, shift and flavour, the other nuisances nominal: each trains its own head.
        var variations = new List<SimulationSample>();
        ulong seed = 100;
        foreach (double shift in new[] { +1.0, -1.0 })
        {
            foreach (var flavour in new[] { ToyAnalysis.Flavour.A, ToyAnalysis.Flavour.B })
            {
                var toyFlavour = flavour == ToyAnalysis.Flavour.A ? ToyFlavour.A : ToyFlavour.B;
                var x = Events(ToyGenerator.Simulate(toyFlavour, 400, new ToyNuisances(VariationX: shift), seed++));
                var y = Events(ToyGenerator.Simulate(toyFlavour, 400, new ToyNuisances(VariationY: shift), seed++));
                variations.Add(Model.Simulation(x, flavour, ToyAnalysis.Nuisances.Nominal with { VariationX = shift }, $"variation_x {shift} {flavour}"));
                variations.Add(Model.Simulation(y, flavour, ToyAnalysis.Nuisances.Nominal with { VariationY = shift }, $"variation_y {shift} {flavour}"));
            }
        }
        Systematics = Model.TrainSystematics(SimulationSample.Concat(variations), trainer);

        Data = Model.Data(DataEvents, source: "toy data");
        Step1 = Model.FitDoi(Data, new DoiFitOptions { Epochs = 1, BatchSize = 256, Seed = 1 });
        Profiler = Model.ProfileStep1(Data);
        Best = Profiler.Fit(Step1.At);
        Hessian = Profiler.Hessian(Best.At);
    }

    public ToyAnalysis.Model Model { get; }

    public ToyAnalysis.Event[] DataEvents { get; }

    public EventData Data { get; }

    public (TrainingResult Features, TrainingResult? Kinematics) Nominal { get; }

    public TrainingResult Systematics { get; }

    public ToyAnalysis.Step1Fit Step1 { get; }

    public ToyAnalysis.Profiler Profiler { get; }

    public ToyAnalysis.BestFit Best { get; }

    public ToyAnalysis.NamedHessian Hessian { get; }

    public void Dispose() => Model.Dispose();

    // The declaration's own column names pick the table's columns.
    private static ToyAnalysis.Event[] Events(FnfDsl.Tables.EventTable table) =>
        ToyAnalysis.Event.FromBatches(table.ToRowMajor([.. ToyAnalysis.Schema.KinematicColumns]), table.ToRowMajor([.. ToyAnalysis.Schema.FeatureColumns]));
}
