using FnfDsl.Flows;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Fnf;

/// <summary>The systematic-aware density p(y | c, nu) = p_nom(S(B(y); c, nu) | c) * |det dS/du| * |det dB/dy| (method.md section 3), B the declared ranges' map (identity when none).</summary>
/// <remarks>
/// The nominal density is frozen when it is a module (its parameters stop requiring gradients), so
/// training this module trains only the FNF heads. At nu = 0 it equals the nominal density exactly.
/// B comes first so that S (and a DoI in front of this density) act on the real line: they cannot move a value out of its range.
/// </remarks>
public sealed class SystematicDensity : nn.Module, ISystematicDensity, IConditionalDensity
{
    private readonly IConditionalDensity nominal; // registered as a submodule when it is one
    private readonly FnfTransform fnf;
    private readonly VariableRanges? ranges;

    /// <summary>Pulls <paramref name="nominal"/> back through <paramref name="fnf"/> and the optional range map <paramref name="ranges"/>, freezing the nominal density.</summary>
    public SystematicDensity(IConditionalDensity nominal, FnfTransform fnf, VariableRanges? ranges = null) : base(nameof(SystematicDensity))
    {
        if (ranges is not null && ranges.Dim != fnf.Dim)
            throw new ArgumentException($"The range map covers {ranges.Dim} variables but the FNF acts on {fnf.Dim}.", nameof(ranges));
        if (nominal.Dim != fnf.Dim)
            throw new ArgumentException($"The nominal density has dimension {nominal.Dim} but the FNF acts on {fnf.Dim} features.", nameof(fnf));
        if (nominal.ContextDim != fnf.ContextDim)
            throw new ArgumentException($"The nominal density takes a context of width {nominal.ContextDim} but the FNF's is {fnf.ContextDim}.", nameof(fnf));
        this.nominal = nominal;
        this.fnf = fnf;
        this.ranges = ranges;
        if (nominal is nn.Module module)
        {
            foreach (var p in module.parameters()) p.requires_grad_(false);
            module.eval();
        }
        RegisterComponents();
    }

    /// <summary>The frozen nominal density.</summary>
    public IConditionalDensity Nominal => nominal;

    /// <summary>The FNF map S whose heads carry the systematic variations.</summary>
    public FnfTransform Fnf => fnf;

    /// <summary>The declared ranges' map B in front of S, or null when no variable is bounded.</summary>
    public VariableRanges? Ranges => ranges;

    /// <inheritdoc/>
    public int Dim => fnf.Dim;

    /// <inheritdoc/>
    public int ContextDim => fnf.ContextDim;

    /// <inheritdoc/>
    public int NuisanceCount => fnf.NuisanceCount;

    /// <inheritdoc/>
    public Tensor LogProb(Tensor y, Tensor? context, Tensor nu)
    {
        using var scope = NewDisposeScope();
        var (b, rangeLogDet) = Unbound(y);
        return LogProbUnbounded(b, context, nu).add(rangeLogDet).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public (Tensor Unbounded, Tensor LogDet) Unbound(Tensor y) =>
        ranges is null ? (y.alias(), zeros(y.shape[0], dtype: y.dtype, device: y.device)) : ranges.ForwardAndLogDet(y);

    /// <summary>The inverse of <see cref="Unbound"/>: values in the declared ranges from the unbounded space.</summary>
    public Tensor Bind(Tensor unbounded) => ranges is null ? unbounded.alias() : ranges.Inverse(unbounded);

    /// <inheritdoc/>
    public Tensor LogProbUnbounded(Tensor unbounded, Tensor? context, Tensor nu)
    {
        using var scope = NewDisposeScope();
        var (u, logDet) = fnf.ForwardAndLogDet(unbounded, context, nu);
        return nominal.LogProb(u, context).add(logDet).MoveToOuterDisposeScope();
    }

    /// <summary>log p_nom(y | context) of the original variables (range map included): what the nominal training maximises.</summary>
    public Tensor NominalLogProb(Tensor y, Tensor? context)
    {
        using var scope = NewDisposeScope();
        var (b, rangeLogDet) = Unbound(y);
        return nominal.LogProb(b, context).add(rangeLogDet).MoveToOuterDisposeScope();
    }

    /// <summary>One draw y ~ p(y | context, nu) per context row, without gradient: y = B^-1(S^-1(y_nom)), y_nom from the nominal flow.</summary>
    /// <param name="context">Contexts [n, C], one row per draw.</param>
    /// <param name="nu">Nuisances [K] or [n, K].</param>
    /// <param name="generator">Random stream of the nominal draws (the same stream at two nu gives the same y_nom).</param>
    public Tensor Sample(Tensor context, Tensor nu, Generator? generator = null)
    {
        if (nominal is not ConditionalFlow flow)
            throw new InvalidOperationException($"Sampling needs a nominal {nameof(ConditionalFlow)}; this one is a {nominal.GetType().Name}.");
        if (context.dim() != 2 || context.shape[1] != ContextDim)
            throw new ArgumentException($"context must be [n, {ContextDim}], got [{string.Join(", ", context.shape)}].", nameof(context));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor nominalDraws = flow.Sample(context.shape[0], context, generator);
        return Bind(fnf.Inverse(nominalDraws, context, nu)).MoveToOuterDisposeScope();
    }

    /// <summary>log p(y | context) at nu = 0, which is the nominal density.</summary>
    public Tensor LogProb(Tensor y, Tensor? context = null)
    {
        using var nu = zeros(NuisanceCount, dtype: y.dtype);
        return LogProb(y, context, nu);
    }
}
