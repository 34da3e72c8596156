using FnfDsl.Flows;
using FnfDsl.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FnfDsl.Fnf;

/// <summary>
/// The Factorizable Normalizing Flow map S (method.md section 3): a stack of autoregressive affine layers
/// S_i(y) = y_i * exp(s_i) + t_i with s_i = sum_k a_ik nu_k + b_ik nu_k^2 and t_i = sum_k c_ik nu_k + d_ik nu_k^2,
/// the coefficients of nuisance k coming from its own masked-MLP head.
/// </summary>
/// <remarks>
/// S maps the distorted space to the nominal one; log|det dS/dy| = sum over layers of sum_i s_i.
/// Context = (kinematics [Cx], flavour one-hot [F]); nu is per event [N, K] (or one [K] vector broadcast).
/// Every head's output layer starts at zero, and a head is multiplied by its monomials, so S is exactly
/// the identity at nu = 0 whatever the heads have learnt. The base-class overloads without nu evaluate S at nu = 0.
/// </remarks>
public sealed class FnfTransform : Transform
{
    private readonly ModuleList<FnfHead> heads; // not a ModuleDict: TorchSharp 0.107's ModuleDict cannot be moved with .to()
    private readonly HeadSet[] sets;
    private readonly FnfLayer[] layers;
    private readonly int dim;

    /// <summary>An FNF on <paramref name="dim"/> features with context (kinematics [kinematicDim], one-hot [flavourCount]) and nu of width <paramref name="nuisanceCount"/>.</summary>
    public FnfTransform(int dim, int kinematicDim, int flavourCount, int nuisanceCount,
                        IReadOnlyList<FnfHeadSpec> heads, FnfOptions? options = null) : base(nameof(FnfTransform))
    {
        options ??= new FnfOptions();
        Validate(dim, kinematicDim, flavourCount, nuisanceCount, heads, options);
        this.dim = dim;
        KinematicDim = kinematicDim;
        FlavourCount = flavourCount;
        NuisanceCount = nuisanceCount;
        Options = options;

        int contextDim = kinematicDim + flavourCount;
        var all = heads.Select(spec => new FnfHead(spec.Name, [spec.Nuisance], spec.Hidden,
                Indicator(dim, spec.Moves), Indicator(flavourCount, spec.Flavours), dim, contextDim, options.Layers,
                HeadGenerator(options.Seed, spec.Name)))
            .ToList();
        foreach (var cross in options.CrossTerms ?? [])
        {
            FnfHead a = all.Single(h => h.HeadName == cross.First), b = all.Single(h => h.HeadName == cross.Second);
            string name = CrossTermName(cross);
            all.Add(new FnfHead(name, [a.Nuisances[0], b.Nuisances[0]], cross.Hidden ?? a.Hidden,
                a.Moves.Zip(b.Moves, (p, q) => p && q).ToArray(), a.Flavours.Zip(b.Flavours, (p, q) => p && q).ToArray(),
                dim, contextDim, options.Layers, HeadGenerator(options.Seed, name)));
        }

        this.heads = new ModuleList<FnfHead>(all.ToArray());
        sets = all.GroupBy(h => (Sizes: string.Join(",", h.Hidden), h.Monomials))
            .Select(g => new HeadSet(g.ToArray(), nuisanceCount, g.Key.Monomials == 2 ? options.QuadraticDamping : options.CrossTermDamping))
            .ToArray();
        int[] forward = Enumerable.Range(0, dim).ToArray();
        layers = Enumerable.Range(0, options.Layers)
            .Select(l => new FnfLayer(sets, l, dim, contextDim, l % 2 == 0 ? forward : forward.Reverse().ToArray()))
            .ToArray();
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override int Dim => dim;

    /// <summary>Number of kinematic context columns (before the one-hot).</summary>
    public int KinematicDim { get; }

    /// <summary>Number of flavours (width of the one-hot at the end of the context).</summary>
    public int FlavourCount { get; }

    /// <summary>Width of the context: kinematics then flavour one-hot.</summary>
    public int ContextDim => KinematicDim + FlavourCount;

    /// <summary>Width K of the nu vector.</summary>
    public int NuisanceCount { get; }

    /// <summary>The structural options the transform was built with.</summary>
    public FnfOptions Options { get; }

    /// <summary>The names of all heads (nuisance heads, then cross terms).</summary>
    public IReadOnlyList<string> HeadNames => heads.Select(h => h.HeadName).ToList();

    /// <summary>The head called <paramref name="name"/>; its parameters are that nuisance's whole share of S.</summary>
    public FnfHead Head(string name) => heads.FirstOrDefault(h => h.HeadName == name)
        ?? throw new ArgumentException($"The FNF has no head '{name}'; heads: {string.Join(", ", HeadNames)}.", nameof(name));

    /// <summary>The name given to the head of a cross term.</summary>
    public static string CrossTermName(FnfCrossTerm cross) => $"{cross.First}_x_{cross.Second}";

    /// <summary>z = S(y; context, nu) and log|det dS/dy| [N].</summary>
    public (Tensor Z, Tensor LogDet) ForwardAndLogDet(Tensor y, Tensor? context, Tensor nu)
    {
        using var scope = NewDisposeScope();
        var activities = Activate(y, context, nu);
        Tensor z = y;
        Tensor logDet = zeros(y.shape[0], dtype: y.dtype);
        foreach (var layer in layers)
        {
            var (next, layerLogDet) = layer.Forward(z, context, activities);
            z = next;
            logDet = logDet.add(layerLogDet);
        }
        return (z.MoveToOuterDisposeScope(), logDet.MoveToOuterDisposeScope());
    }

    /// <summary>z = S(y; context, nu).</summary>
    public Tensor Forward(Tensor y, Tensor? context, Tensor nu)
    {
        var (z, logDet) = ForwardAndLogDet(y, context, nu);
        logDet.Dispose();
        return z;
    }

    /// <summary>y = S^-1(z; context, nu), layer by layer, each sequential over the features.</summary>
    public Tensor Inverse(Tensor z, Tensor? context, Tensor nu)
    {
        using var scope = NewDisposeScope();
        var activities = Activate(z, context, nu);
        Tensor y = z;
        foreach (var layer in layers.Reverse()) y = layer.Inverse(y, context, activities);
        return y.alias().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// For a one-layer FNF, every head's coefficients at y, which do not depend on nu: <see cref="ForwardAndLogDet(FnfCoefficients, Tensor)"/>
    /// then gives S(y; nu) at any nu without evaluating a head (profiling evaluates many nu on the same events). Null for
    /// a stacked FNF, whose later layers see inputs that move with nu.
    /// </summary>
    public FnfCoefficients? Precompute(Tensor y, Tensor? context)
    {
        if (layers.Length != 1) return null;
        using var scope = NewDisposeScope();
        using var nu = zeros(NuisanceCount, dtype: y.dtype);
        Activate(y, context, nu); // checks shapes and dtypes
        var coefficients = layers[0].AllCoefficients(y, context);
        Tensor? oneHot = FlavourCount > 0 ? context!.narrow(1, KinematicDim, FlavourCount) : null;
        return new FnfCoefficients(y.alias().MoveToOuterDisposeScope(), oneHot?.alias().MoveToOuterDisposeScope(),
            coefficients.Select(c => c.MoveToOuterDisposeScope()).ToArray());
    }

    /// <summary>z = S(y; nu) and log|det| from coefficients of <see cref="Precompute"/>; nu [K] or [N, K].</summary>
    public (Tensor Z, Tensor LogDet) ForwardAndLogDet(FnfCoefficients precomputed, Tensor nu)
    {
        ArgumentNullException.ThrowIfNull(precomputed);
        using var scope = NewDisposeScope();
        long n = precomputed.Y.shape[0];
        Tensor typed = nu.to_type(precomputed.Y.dtype);
        Tensor rows = nu.dim() == 1 ? typed.unsqueeze(0).expand(n, NuisanceCount) : typed;
        var monomials = sets.Select(set => set.DenseMonomials(rows, precomputed.OneHot)).ToArray();
        var (z, logDet) = FnfLayer.ForwardFrom(precomputed.Y, precomputed.Coefficients, monomials);
        return (z.MoveToOuterDisposeScope(), logDet.MoveToOuterDisposeScope());
    }

    /// <summary>Log-scale s and shift t [N, D] of one layer at its input y (for diagnostics and tests).</summary>
    public (Tensor LogScale, Tensor Shift) LayerCoefficients(int layer, Tensor y, Tensor? context, Tensor nu)
    {
        if (layer < 0 || layer >= layers.Length)
            throw new ArgumentOutOfRangeException(nameof(layer), $"The FNF has {layers.Length} layer(s).");
        using var scope = NewDisposeScope();
        var (s, t) = layers[layer].Coefficients(y, context, Activate(y, context, nu));
        return (s.MoveToOuterDisposeScope(), t.MoveToOuterDisposeScope());
    }

    /// <summary>S at nu = 0: exactly the identity.</summary>
    public override (Tensor Z, Tensor LogDet) ForwardAndLogDet(Tensor y, Tensor? context = null)
    {
        using var nu = zeros(NuisanceCount, dtype: y.dtype);
        return ForwardAndLogDet(y, context, nu);
    }

    /// <summary>S^-1 at nu = 0: exactly the identity.</summary>
    public override Tensor Inverse(Tensor z, Tensor? context = null)
    {
        using var nu = zeros(NuisanceCount, dtype: z.dtype);
        return Inverse(z, context, nu);
    }

    /// <summary>Checks shapes and dtypes, then works out which heads act on which events (once for all layers).</summary>
    private HeadActivity?[] Activate(Tensor y, Tensor? context, Tensor nu)
    {
        if (y.dim() != 2 || y.shape[1] != dim)
            throw new ArgumentException($"y must be [N, {dim}], got [{string.Join(", ", y.shape)}].", nameof(y));
        long n = y.shape[0];
        if (ContextDim > 0 && context is null)
            throw new ArgumentException($"The FNF needs a context [N, {ContextDim}] (kinematics then flavour one-hot).", nameof(context));
        if (context is not null && (context.dim() != 2 || context.shape[0] != n || context.shape[1] != ContextDim))
            throw new ArgumentException($"context must be [{n}, {ContextDim}], got [{string.Join(", ", context.shape)}].", nameof(context));
        if (context is not null && context.dtype != y.dtype)
            throw new ArgumentException($"context is {context.dtype} but y is {y.dtype}.", nameof(context));
        ScalarType? parameterType = heads.Count > 0 ? heads[0].Layer(0).Weight(0).dtype : null;
        if (parameterType is not null && parameterType != y.dtype)
            throw new ArgumentException($"y is {y.dtype} but the FNF's parameters are {parameterType}; call .to() on the module or the data.", nameof(y));
        bool vector = nu.dim() == 1 && nu.shape[0] == NuisanceCount;
        bool perEvent = nu.dim() == 2 && nu.shape[0] == n && nu.shape[1] == NuisanceCount;
        if (!vector && !perEvent)
            throw new ArgumentException($"nu must be [{NuisanceCount}] or [{n}, {NuisanceCount}], got [{string.Join(", ", nu.shape)}].", nameof(nu));

        Tensor typed = nu.to_type(y.dtype);
        Tensor rows = vector ? typed.unsqueeze(0).expand(n, NuisanceCount) : typed;
        Tensor? oneHot = FlavourCount > 0 ? context!.narrow(1, KinematicDim, FlavourCount) : null;
        return sets.Select(set => set.Activate(rows, oneHot, shared: vector)).ToArray();
    }

    private static bool[] Indicator(int size, int[]? selected) =>
        Enumerable.Range(0, size).Select(i => selected is null || selected.Contains(i)).ToArray();

    /// <summary>Each head draws its initial weights from its own stream, so adding a head changes no other head.</summary>
    private static Generator HeadGenerator(long seed, string name) => new(StableHash.Of(name) ^ (ulong)seed);

    private static void Validate(int dim, int kinematicDim, int flavourCount, int nuisanceCount,
                                 IReadOnlyList<FnfHeadSpec> heads, FnfOptions options)
    {
        if (dim < 1) throw new ArgumentOutOfRangeException(nameof(dim), "An FNF needs at least one feature.");
        if (kinematicDim < 0) throw new ArgumentOutOfRangeException(nameof(kinematicDim), "kinematicDim must be >= 0.");
        if (flavourCount < 0) throw new ArgumentOutOfRangeException(nameof(flavourCount), "flavourCount must be >= 0.");
        if (nuisanceCount < 0) throw new ArgumentOutOfRangeException(nameof(nuisanceCount), "nuisanceCount must be >= 0.");
        if (options.Layers < 1) throw new ArgumentOutOfRangeException(nameof(options), "FnfOptions.Layers must be >= 1.");
        var names = new HashSet<string>();
        foreach (var h in heads)
        {
            string where = $"FNF head '{h.Name}'";
            if (string.IsNullOrWhiteSpace(h.Name) || h.Name.Contains('.'))
                throw new ArgumentException($"{where}: a head name must be non-empty and contain no '.'.", nameof(heads));
            if (!names.Add(h.Name)) throw new ArgumentException($"{where} is declared twice.", nameof(heads));
            if (h.Nuisance < 0 || h.Nuisance >= nuisanceCount)
                throw new ArgumentException($"{where}: nuisance column {h.Nuisance} is outside [0, {nuisanceCount}).", nameof(heads));
            if (h.Hidden is null || h.Hidden.Any(w => w < 1))
                throw new ArgumentException($"{where}: hidden sizes must all be >= 1.", nameof(heads));
            if (h.Moves is not null && (h.Moves.Length == 0 || h.Moves.Any(m => m < 0 || m >= dim)))
                throw new ArgumentException($"{where}: Moves must name features in [0, {dim}).", nameof(heads));
            if (h.Flavours is not null && (h.Flavours.Length == 0 || h.Flavours.Any(f => f < 0 || f >= flavourCount)))
                throw new ArgumentException($"{where}: Flavours must name flavours in [0, {flavourCount}).", nameof(heads));
        }
        foreach (var cross in options.CrossTerms ?? [])
        {
            var a = heads.FirstOrDefault(h => h.Name == cross.First);
            var b = heads.FirstOrDefault(h => h.Name == cross.Second);
            if (a is null || b is null)
                throw new ArgumentException($"Cross term ({cross.First}, {cross.Second}) names a head that does not exist.", nameof(options));
            if (a.Nuisance == b.Nuisance)
                throw new ArgumentException($"Cross term ({cross.First}, {cross.Second}) pairs a nuisance with itself.", nameof(options));
            if (cross.Hidden is not null && cross.Hidden.Any(w => w < 1))
                throw new ArgumentException($"Cross term ({cross.First}, {cross.Second}): hidden sizes must be >= 1.", nameof(options));
            if (!names.Add(CrossTermName(cross)))
                throw new ArgumentException($"Cross term ({cross.First}, {cross.Second}) is declared twice.", nameof(options));
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var layer in layers) layer.Dispose();
            foreach (var set in sets) set.Dispose();
        }
        base.Dispose(disposing);
    }
}
