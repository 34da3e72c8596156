using FnfDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Analysis;

/// <summary>
/// Stage 2 of the two-stage training (method.md section 3): the FNF heads on the variation samples, each event at
/// its own nu, maximising log p_f(y | x, nu) + log p_f(x | nu) with the nominal flows frozen.
/// </summary>
/// <remarks>
/// A head only receives gradient from events whose nu_k is non-zero, so training on the variation samples of
/// nuisance k (others at 0) trains head k alone: adding a nuisance retrains nothing else.
/// </remarks>
public static class SystematicsTraining
{
    /// <summary>Trains every FNF head of the inputs on <paramref name="variations"/>.</summary>
    public static TrainingResult Train(AnalysisModel model, SimulationSample variations, TrainerOptions options)
    {
        int f = model.Mixture.FlavourCount;
        if (variations.Nu.dim() != 2 || variations.Nu.shape[1] != model.Mixture.NuisanceCount)
            throw new ArgumentException($"{variations.Events.Source}: nu must be [N, {model.Mixture.NuisanceCount}] ({string.Join(", ", model.NuisanceNames)}).");
        using var oneHot = nn.functional.one_hot(variations.Flavour, f).to_type(variations.Events.Y.dtype);
        using var context = cat([variations.Events.X, oneHot], 1);
        using var nu = variations.Nu.to_type(variations.Events.Y.dtype);
        var heads = model.SystematicParameters();
        if (heads.Count == 0) throw new InvalidOperationException($"Analysis '{model.Spec.Name}' has no shape nuisance: there are no FNF heads to train.");
        foreach (var p in heads) p.requires_grad_(true);
        try
        {
            var kin = model.Kinematics;
            return Trainer.Fit(model, new TensorDataset(variations.Events.Y, context, variations.Events.X, oneHot, nu), batch =>
            {
                Tensor logP = model.Features.LogProb(batch[0], batch[1], batch[4]);
                if (kin is not null) logP = logP + kin.LogProb(batch[2], batch[3], batch[4]);
                return logP.mean().neg();
            }, options with { Dtype = model.Options.Dtype }, heads);
        }
        finally
        {
            model.Freeze();
        }
    }
}
