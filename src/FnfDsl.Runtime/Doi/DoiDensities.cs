using FnfDsl.Fnf;
using FnfDsl.Likelihood;
using static TorchSharp.torch;

namespace FnfDsl.Doi;

/// <summary>
/// Per-flavour data densities through the DoI chain (method.md section 4): y -> B (the features' declared ranges) -> T (DoI)
/// [-> R (amortized residual)] -> S (FNF of the inputs) -> nominal flow, log-dets summed; p_f(x | nu) from the kinematic density if any.
/// </summary>
/// <remarks>
/// T acts on the feature columns <see cref="OfColumns"/> (the others pass unchanged) with the context
/// (kinematic columns <see cref="GivenColumns"/>, flavour one-hot). The residual R, when present, is an FNF of
/// nu - nu_hat; with K heads it is the identity at nu = nu_hat. With K + 1 heads the last one is an offset whose
/// nuisance column is held at 1: a nu-independent correction, so that R adds the same capacity at every nu.
/// For profiling, T's image of the events and (R having one layer) R's head outputs do not depend on nu and are
/// prepared once per chunk (<see cref="IPreparableDensities"/>): a pass then costs about what a step-1 pass costs.
/// </remarks>
public sealed class DoiDensities : IPreparableDensities
{
    private Tensor[]? stamp;  // the parameters prepared chunks were computed from
    private int stampVersion;

    private readonly ISystematicDensity features;
    private readonly ISystematicDensity? kinematics;
    private readonly DistributionOfInterest doi;
    private readonly FnfTransform? residual;
    private readonly Tensor? nuHat;

    /// <summary>The chain for <paramref name="flavourCount"/> flavours; residual and nuHat together or not at all.</summary>
    public DoiDensities(ISystematicDensity features, ISystematicDensity? kinematics, int flavourCount, DistributionOfInterest doi,
        int[] ofColumns, int[] givenColumns, FnfTransform? residual = null, Tensor? nuHat = null)
    {
        if ((residual is null) != (nuHat is null)) throw new ArgumentException("The residual DoI needs the nu_hat it is centred on, and only then.");
        if (residual is not null && residual.NuisanceCount != features.NuisanceCount && residual.NuisanceCount != features.NuisanceCount + 1)
            throw new ArgumentException($"The residual DoI takes {residual.NuisanceCount} nuisance columns; the analysis has {features.NuisanceCount} (one more with an offset head).");
        FlavourCount = flavourCount;
        KinematicDim = features.ContextDim - flavourCount;
        if (ofColumns.Length != doi.Dim) throw new ArgumentException($"The DoI acts on {doi.Dim} features but {ofColumns.Length} columns were named.");
        if (givenColumns.Length + flavourCount != doi.ContextDim)
            throw new ArgumentException($"The DoI's context has {doi.ContextDim} columns; {givenColumns.Length} given kinematics + {flavourCount} flavours were supplied.");
        if (ofColumns.Any(c => c < 0 || c >= features.Dim)) throw new ArgumentException("A DoI feature column is outside the feature vector.");
        if (givenColumns.Any(c => c < 0 || c >= KinematicDim)) throw new ArgumentException("A DoI given column is outside the kinematic vector.");
        this.features = features;
        this.kinematics = kinematics;
        this.doi = doi;
        this.residual = residual;
        this.nuHat = nuHat;
        OfColumns = ofColumns;
        GivenColumns = givenColumns;
    }

    /// <inheritdoc/>
    public int FlavourCount { get; }

    /// <inheritdoc/>
    public int KinematicDim { get; }

    /// <inheritdoc/>
    public int FeatureDim => features.Dim;

    /// <inheritdoc/>
    public int NuisanceCount => features.NuisanceCount;

    /// <summary>Name of the residual's nu-independent head (its nuisance column is held at 1).</summary>
    public const string OffsetHeadName = "doi_offset";

    /// <summary>Feature columns the DoI maps.</summary>
    public int[] OfColumns { get; }

    /// <summary>Kinematic columns the DoI is conditioned on.</summary>
    public int[] GivenColumns { get; }

    /// <inheritdoc/>
    public FlavourLogDensities LogDensities(Tensor x, Tensor y, Tensor nu)
    {
        using var scope = NewDisposeScope();
        long n = y.shape[0];
        int f = FlavourCount;
        Tensor nuRows = nu.dim() == 2 ? nu.repeat(f, 1) : nu;
        Tensor context = FlavourContext.AllFlavours(x, f);
        var (unbounded, rangeLogDet) = features.Unbound(y.repeat(f, 1));
        var (mapped, logDet) = Map(unbounded, context, nuRows);
        return FromMapped(mapped, logDet.add(rangeLogDet), x.repeat(f, 1), context, nuRows, n);
    }

    /// <inheritdoc/>
    public IDisposable Prepare(Tensor x, Tensor y)
    {
        int version = CurrentVersion();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        long n = y.shape[0];
        int f = FlavourCount;
        Tensor context = FlavourContext.AllFlavours(x, f);
        var (yRows, rangeLogDet) = features.Unbound(y.repeat(f, 1));
        Tensor doiContext = DoiContext(context);
        var (t, logDet) = doi.ForwardAndLogDet(Select(yRows, OfColumns), doiContext);
        logDet = logDet.add(rangeLogDet);
        FnfCoefficients? r = residual?.Precompute(t, doiContext);
        var chunk = new PreparedChunk(version, n, context.DetachFromDisposeScope(), yRows.DetachFromDisposeScope(),
            x.repeat(f, 1).DetachFromDisposeScope(), t.DetachFromDisposeScope(), doiContext.DetachFromDisposeScope(), logDet.DetachFromDisposeScope(), r);
        if (r is not null)
        {
            r.Y.DetachFromDisposeScope();
            r.OneHot?.DetachFromDisposeScope();
            foreach (var c in r.Coefficients) c.DetachFromDisposeScope();
        }
        return chunk;
    }

    /// <inheritdoc/>
    public bool IsCurrent(IDisposable prepared) => prepared is PreparedChunk chunk && chunk.Version == CurrentVersion();

    /// <inheritdoc/>
    public FlavourLogDensities LogDensities(IDisposable prepared, Tensor nu)
    {
        if (prepared is not PreparedChunk chunk) throw new ArgumentException("These events were prepared by other densities.", nameof(prepared));
        if (nu.dim() != 1) throw new ArgumentException($"Prepared events take one nu vector [{NuisanceCount}], got [{string.Join(", ", nu.shape)}].", nameof(nu));
        using var scope = NewDisposeScope();
        Tensor t = chunk.Image, logDet = chunk.LogDet;
        if (residual is not null)
        {
            var (r, ld) = chunk.Residual is { } c ? residual.ForwardAndLogDet(c, ResidualNu(nu)) : residual.ForwardAndLogDet(t, chunk.DoiContext, ResidualNu(nu));
            t = r;
            logDet = logDet.add(ld);
        }
        return FromMapped(Replace(chunk.YRows, OfColumns, t), logDet, chunk.XRows, chunk.Context, nu, chunk.Events);
    }

    // Per-flavour log-densities [n, F] from the event-flavour rows (flavour-major) mapped into simulation space. Called
    // inside the caller's dispose scope: the results move out of it to the caller's caller.
    private FlavourLogDensities FromMapped(Tensor mapped, Tensor logDet, Tensor xRows, Tensor context, Tensor nuRows, long n)
    {
        int f = FlavourCount;
        Tensor logPy = features.LogProbUnbounded(mapped, context, nuRows).add(logDet).view(f, n).t();
        Tensor? logPx = null;
        if (kinematics is not null)
            logPx = kinematics.LogProb(xRows, context.narrow(1, KinematicDim, f), nuRows).view(f, n).t().MoveToOuterDisposeScope();
        return new FlavourLogDensities(logPy.MoveToOuterDisposeScope(), logPx);
    }

    // The version of the parameters T, R and nu_hat hold now: a new one whenever any of them differs from the stamp.
    private int CurrentVersion()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var current = doi.parameters().Select(p => (Tensor)p)
            .Concat(residual?.parameters().Select(p => (Tensor)p) ?? [])
            .Concat(nuHat is null ? [] : [nuHat]).ToArray();
        if (stamp is not null && stamp.Length == current.Length && stamp.Zip(current).All(pair => pair.First.equal(pair.Second).all().item<bool>()))
            return stampVersion;
        if (stamp is not null) foreach (var old in stamp) old.Dispose();
        stamp = current.Select(p => p.detach().clone().DetachFromDisposeScope()).ToArray();
        return ++stampVersion;
    }

    // T's image of a chunk (with R's head outputs when R has one layer), per event-flavour row.
    private sealed record PreparedChunk(int Version, long Events, Tensor Context, Tensor YRows, Tensor XRows, Tensor Image, Tensor DoiContext,
        Tensor LogDet, FnfCoefficients? Residual) : IDisposable
    {
        public void Dispose()
        {
            foreach (var t in new[] { Context, YRows, XRows, Image, DoiContext, LogDet }) t.Dispose();
            Residual?.Dispose();
        }
    }

    /// <summary>T (then R at nu) applied to y under the contexts (x, one-hot) given row by row: the simulation-space image and its log-det.</summary>
    /// <remarks>y is in the features' unbounded space (<see cref="ISystematicDensity.Unbound"/>), which is y itself for features without a declared range.</remarks>
    public (Tensor Mapped, Tensor LogDet) Map(Tensor y, Tensor context, Tensor nu)
    {
        using var scope = NewDisposeScope();
        Tensor doiContext = DoiContext(context);
        Tensor of = Select(y, OfColumns);
        var (t, logDet) = doi.ForwardAndLogDet(of, doiContext);
        if (residual is not null)
        {
            var (r, ld) = residual.ForwardAndLogDet(t, doiContext, ResidualNu(nu));
            t = r;
            logDet = logDet.add(ld);
        }
        return (Replace(y, OfColumns, t).MoveToOuterDisposeScope(), logDet.MoveToOuterDisposeScope());
    }

    /// <summary>The inverse of <see cref="Map"/>: data-space y from simulation-space points (used to sample pseudo-data).</summary>
    public Tensor Unmap(Tensor mapped, Tensor context, Tensor nu)
    {
        using var scope = NewDisposeScope();
        Tensor doiContext = DoiContext(context);
        Tensor t = Select(mapped, OfColumns);
        if (residual is not null) t = residual.Inverse(t, doiContext, ResidualNu(nu));
        return Replace(mapped, OfColumns, doi.Inverse(t, doiContext)).MoveToOuterDisposeScope();
    }

    // R's nuisance columns: nu - nu_hat, then a column of ones for the offset head if R has one.
    private Tensor ResidualNu(Tensor nu)
    {
        Tensor delta = nu.sub(nuHat!.to_type(nu.dtype));
        if (residual!.NuisanceCount == NuisanceCount) return delta;
        using var scope = NewDisposeScope();
        Tensor one = delta.dim() == 1 ? ones(1, dtype: delta.dtype) : ones(delta.shape[0], 1, dtype: delta.dtype);
        return cat([delta, one], -1).MoveToOuterDisposeScope();
    }

    private Tensor DoiContext(Tensor context)
    {
        Tensor flavours = context.narrow(1, KinematicDim, FlavourCount);
        return GivenColumns.Length == 0 ? flavours : cat([Select(context, GivenColumns), flavours], 1);
    }

    private static Tensor Select(Tensor t, int[] columns)
    {
        if (columns.Length == t.shape[1] && columns.Select((c, i) => c == i).All(b => b)) return t.alias();
        using var index = tensor(columns.Select(c => (long)c).ToArray());
        return t.index_select(1, index);
    }

    private static Tensor Replace(Tensor t, int[] columns, Tensor values)
    {
        if (columns.Length == t.shape[1] && columns.Select((c, i) => c == i).All(b => b)) return values.alias();
        using var index = tensor(columns.Select(c => (long)c).ToArray());
        return t.index_copy(1, index, values);
    }
}
