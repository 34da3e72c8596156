using System.Globalization;
using FnfDsl.Analysis;
using FnfDsl.Training;
using FnfDslAnalysis;

// Trains the densities of MyAnalysis (Analysis.cs) on simulation generated here in memory and fits its nuisances to
// generated data, through the code the generator wrote from the declaration and the FnfDsl runtime alone. It prints
// name=value lines (FnfDsl's package test checks them). Replace the generated samples with your own events.
//
// Injected in the data: ScoreShift = +0.6, BackgroundNorm = 0 (nominal yields).
const double InjectedShift = 0.6;

var nominal = new[] { Generate(MyAnalysis.Flavour.Signal, 2_000, 0.0, seed: 1), Generate(MyAnalysis.Flavour.Background, 2_000, 0.0, seed: 2) };
MyAnalysis.Event[] data = [.. Generate(MyAnalysis.Flavour.Signal, 1_000, InjectedShift, seed: 3), .. Generate(MyAnalysis.Flavour.Background, 1_000, InjectedShift, seed: 4)];

using var model = MyAnalysis.Model.Create(MyAnalysis.Model.FitNormalization([.. nominal[0], .. nominal[1]]), new AnalysisModelOptions { Seed = 1 });
var trainer = new TrainerOptions { Epochs = 8, BatchSize = 256, LearningRate = 5e-3, Seed = 1 };

var features = model.TrainNominal(SimulationSample.Concat(
[
    model.Simulation(nominal[0], MyAnalysis.Flavour.Signal, MyAnalysis.Nuisances.Nominal, "nominal signal"),
    model.Simulation(nominal[1], MyAnalysis.Flavour.Background, MyAnalysis.Nuisances.Nominal, "nominal background"),
]), trainer).Features;

// The shape nuisance's variation samples: each flavour at ScoreShift = +1 and -1.
var variations = new List<SimulationSample>();
ulong seed = 10;
foreach (double shift in new[] { +1.0, -1.0 })
{
    foreach (var flavour in Enum.GetValues<MyAnalysis.Flavour>())
        variations.Add(model.Simulation(Generate(flavour, 1_000, shift, seed++), flavour, MyAnalysis.Nuisances.Nominal with { ScoreShift = shift }, $"{flavour} {shift:+0;-0}"));
}
var systematics = model.TrainSystematics(SimulationSample.Concat(variations), trainer);

var profiler = model.ProfileSimulation(model.Data(data));
var best = profiler.Fit();

Print("nominal_loss", features.BestLoss);
Print("systematics_loss", systematics.BestLoss);
Print("nll", best.Nll);
Print("nll_at_nominal", profiler.Nll(MyAnalysis.Parameters.Initial));
Print("converged", best.Converged ? 1 : 0);
Print("injected_score_shift", InjectedShift);
Print("score_shift", best.Nuisances.ScoreShift);
Print("background_norm", best.Nuisances.BackgroundNorm);
return 0;

static void Print(string name, double value) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}={value:R}"));

// Events of one flavour at a value of ScoreShift: the signal peaks at mass 3 with a score near +1, the background
// falls from mass 0.5 with a score near -0.5; the nuisance moves every score by 0.5 per unit.
static MyAnalysis.Event[] Generate(MyAnalysis.Flavour flavour, int count, double scoreShift, ulong seed)
{
    var random = new Random((int)seed);
    double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    var events = new MyAnalysis.Event[count];
    for (int i = 0; i < count; i++)
    {
        double mass, score;
        if (flavour == MyAnalysis.Flavour.Signal)
        {
            mass = Math.Abs(3.0 + 0.5 * Gaussian());
            score = 1.0 + 0.2 * (mass - 3.0) + 0.5 * Gaussian();
        }
        else
        {
            mass = 0.5 - 2.0 * Math.Log(1 - random.NextDouble());
            score = -0.5 + Gaussian();
        }
        events[i] = new MyAnalysis.Event { Mass = (float)mass, Score = (float)(score + 0.5 * scoreShift) };
    }
    return events;
}
