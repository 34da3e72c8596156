using static TorchSharp.torch;

namespace FnfDsl.Profiling;

/// <summary>A scalar objective (an NLL) of a float64 parameter vector [K]; must be differentiable by autograd.</summary>
public delegate Tensor Objective(Tensor parameters);
