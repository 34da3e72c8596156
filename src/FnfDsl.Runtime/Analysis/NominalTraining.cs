using FnfDsl.Likelihood;
using FnfDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Analysis;

/// <summary>Stage 1 of the two-stage training (method.md section 3): the nominal flows on nominal simulation.</summary>
public static class NominalTraining
{
    /// <summary>Trains p(y | x, f) and, if the analysis has kinematics, p(x | f); the flows are frozen afterwards.</summary>
    public static (TrainingResult Features, TrainingResult? Kinematics) Train(AnalysisModel model, SimulationSample nominal, TrainerOptions options)
    {
        int f = model.Mixture.FlavourCount;
        using var oneHot = nn.functional.one_hot(nominal.Flavour, f).to_type(nominal.Events.Y.dtype);
        using var context = cat([nominal.Events.X, oneHot], 1);

        var featureFlow = (nn.Module)model.Features.Nominal;
        options = options with { Dtype = model.Options.Dtype }; // the trainer converts the module to this dtype
        var featureResult = TrainFlow(featureFlow, model.Features.NominalLogProb, nominal.Events.Y, context, options);

        TrainingResult? kinematicResult = null;
        if (model.Kinematics is { } kin)
            kinematicResult = TrainFlow((nn.Module)kin.Nominal, kin.NominalLogProb, nominal.Events.X, oneHot, options with { Seed = options.Seed + 1 });
        return (featureResult, kinematicResult);
    }

    private static TrainingResult TrainFlow(nn.Module flow, Func<Tensor, Tensor?, Tensor> logProb, Tensor values, Tensor context, TrainerOptions options)
    {
        var parameters = flow.parameters().ToList();
        foreach (var p in parameters) p.requires_grad_(true);
        try
        {
            return Trainer.Fit(flow, new TensorDataset(values, context), batch => logProb(batch[0], batch[1]).mean().neg(), options);
        }
        finally
        {
            foreach (var p in flow.parameters()) p.requires_grad_(false);
            flow.eval();
        }
    }
}
