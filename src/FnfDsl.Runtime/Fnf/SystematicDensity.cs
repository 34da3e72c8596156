using FnfDsl.Flows;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Fnf;

/// <summary>The systematic-aware density p(y | c, nu) = p_nom(S(y; c, nu) | c) * |det dS/dy| (method.md section 3).</summary>
/// <remarks>
/// The nominal density is frozen when it is a module (its parameters stop requiring gradients), so
/// training this module trains only the FNF heads. At nu = 0 it equals the nominal density exactly.
/// </remarks>
public sealed class SystematicDensity : nn.Module, ISystematicDensity, IConditionalDensity
{
    private readonly IConditionalDensity nominal; // registered as a submodule when it is one
    private readonly FnfTransform fnf;

    /// <summary>Pulls <paramref name="nominal"/> back through <paramref name="fnf"/>, freezing the nominal density.</summary>
    public SystematicDensity(IConditionalDensity nominal, FnfTransform fnf) : base(nameof(SystematicDensity))
    {
        if (nominal.Dim != fnf.Dim)
            throw new ArgumentException($"The nominal density has dimension {nominal.Dim} but the FNF acts on {fnf.Dim} features.", nameof(fnf));
        if (nominal.ContextDim != fnf.ContextDim)
            throw new ArgumentException($"The nominal density takes a context of width {nominal.ContextDim} but the FNF's is {fnf.ContextDim}.", nameof(fnf));
        this.nominal = nominal;
        this.fnf = fnf;
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
        var (u, logDet) = fnf.ForwardAndLogDet(y, context, nu);
        return nominal.LogProb(u, context).add(logDet).MoveToOuterDisposeScope();
    }

    /// <summary>One draw y ~ p(y | context, nu) per context row, without gradient: y = S^-1(y_nom), y_nom from the nominal flow.</summary>
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
        return fnf.Inverse(nominalDraws, context, nu).MoveToOuterDisposeScope();
    }

    /// <summary>log p(y | context) at nu = 0, which is the nominal density.</summary>
    public Tensor LogProb(Tensor y, Tensor? context = null)
    {
        using var nu = zeros(NuisanceCount, dtype: y.dtype);
        return LogProb(y, context, nu);
    }
}
