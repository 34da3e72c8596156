using TorchSharp.Modules;

namespace FnfDsl.Training;

/// <summary>Parameters trained at their own peak learning rate (an AdamW parameter group).</summary>
/// <param name="Parameters">The parameters.</param>
/// <param name="LearningRate">Their peak learning rate, before the schedule and NaN back-offs.</param>
internal sealed record ParameterGroup(IReadOnlyList<Parameter> Parameters, double LearningRate);
