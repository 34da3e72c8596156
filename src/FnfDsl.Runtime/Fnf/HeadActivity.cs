using static TorchSharp.torch;

namespace FnfDsl.Fnf;

/// <summary>For one call of the FNF and one <see cref="HeadSet"/>: the heads that take part, the events they see and their monomials.</summary>
/// <param name="Taking">Indices (within the set) of the heads with at least one active event.</param>
/// <param name="TakingIndex">Taking as a tensor, or null when every head of the set takes part.</param>
/// <param name="Routing">Which events each taking head evaluates.</param>
/// <param name="Monomials">[T, rows, M]: each head's monomials at its routed events, zero on padded slots.</param>
internal sealed record HeadActivity(int[] Taking, Tensor? TakingIndex, EventRouting Routing, Tensor Monomials);
