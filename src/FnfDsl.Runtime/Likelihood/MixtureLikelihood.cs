using FnfDsl.Flows;
using FnfDsl.Profiling;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Likelihood;

/// <summary>The extended unbinned negative log-likelihood of the flavour mixture, joint or conditional (method.md section 1).</summary>
/// <remarks>
/// Joint:       NLL = N(theta, nu) - sum_i w_i log sum_f N_f p_f(y_i | x_i, nu) p_f(x_i | nu) + C(nu).
/// Conditional: NLL = - sum_i w_i log sum_f omega_f(x_i) p_f(y_i | x_i, nu) + C(nu), omega_f = N_f p_f(x) / sum_g N_g p_g(x);
///              without a kinematic density omega_f = N_f / N.
/// Events are streamed in chunks: memory does not grow with the dataset, sums are float64, and with
/// backward = true each chunk's graph is back-propagated and freed at once (gradients accumulate).
/// The same parts make a profiling <see cref="Objective"/> (exact Hessians, minimiser, scans).
/// </remarks>
public sealed class MixtureLikelihood
{
    /// <summary>The likelihood of <paramref name="model"/> with per-flavour densities from <paramref name="densities"/>.</summary>
    public MixtureLikelihood(MixtureModel model, IFlavourDensities densities, LikelihoodMode mode, int chunkSize = Chunking.DefaultChunkSize)
    {
        if (densities.FlavourCount != model.FlavourCount)
            throw new ArgumentException($"The densities cover {densities.FlavourCount} flavours but the model has {model.FlavourCount}.", nameof(densities));
        if (densities.NuisanceCount != model.NuisanceCount)
            throw new ArgumentException($"The densities take {densities.NuisanceCount} nuisances but the model has {model.NuisanceCount}.", nameof(densities));
        if (chunkSize < 1) throw new ArgumentOutOfRangeException(nameof(chunkSize), "chunkSize must be >= 1.");
        Model = model;
        Densities = densities;
        Mode = mode;
        ChunkSize = chunkSize;
    }

    /// <summary>Yields, modifiers and constraints.</summary>
    public MixtureModel Model { get; }

    /// <summary>The per-flavour densities.</summary>
    public IFlavourDensities Densities { get; }

    /// <summary>Joint or conditional likelihood.</summary>
    public LikelihoodMode Mode { get; }

    /// <summary>Events per streamed chunk.</summary>
    public int ChunkSize { get; }

    /// <summary>The NLL at (theta, nu); with <paramref name="backward"/>, gradients accumulate into every leaf that requires them (theta, nu, density parameters).</summary>
    /// <param name="events">The events.</param>
    /// <param name="theta">POIs [P], float64.</param>
    /// <param name="nu">Nuisances [K], float64.</param>
    /// <param name="backward">Back-propagate chunk by chunk.</param>
    public double Evaluate(EventData events, Tensor theta, Tensor nu, bool backward = false)
    {
        CheckColumns(events);
        using var noGrad = backward ? null : no_grad();
        double total = 0;
        for (int part = 0; part < Parts(events); part++)
        {
            using var scope = NewDisposeScope();
            Tensor term = Part(events, part, theta, nu);
            if (backward && term.requires_grad) term.backward();
            total += term.item<double>();
        }
        return total;
    }

    /// <summary>The NLL at (theta, nu), without gradients.</summary>
    public double Value(EventData events, double[] theta, double[] nu)
    {
        using var t = tensor(theta, dtype: ScalarType.Float64);
        using var n = tensor(nu, dtype: ScalarType.Float64);
        return Evaluate(events, t, n);
    }

    /// <summary>The NLL and its gradient in theta and nu; density parameters that require gradients also accumulate theirs.</summary>
    public NllGradient ValueAndGradient(EventData events, double[] theta, double[] nu)
    {
        using var t = tensor(theta, dtype: ScalarType.Float64).requires_grad_();
        using var n = tensor(nu, dtype: ScalarType.Float64).requires_grad_();
        double value = Evaluate(events, t, n, backward: true);
        return new NllGradient(value, Gradient(t), Gradient(n));
    }

    /// <summary>
    /// The NLL as a profiling objective of p = (theta, nu): one part for the yield and constraint terms, then one per event chunk.
    /// With <see cref="IPreparableDensities"/> and at most <see cref="PreparedRowLimit"/> event-flavour rows, each chunk's
    /// nu-independent part is kept between evaluations (prepared again if the densities' parameters change).
    /// </summary>
    public Objective AsObjective(EventData events)
    {
        CheckColumns(events);
        int p = Model.PoiCount, k = Model.NuisanceCount;
        var prepared = Densities is IPreparableDensities && events.Count * Densities.FlavourCount <= PreparedRowLimit
            ? new IDisposable?[Parts(events)] : null;
        return Objective.Sum(Parts(events), (part, parameters) =>
        {
            if (parameters.dim() != 1 || parameters.shape[0] != p + k)
                throw new ArgumentException($"The objective takes (theta, nu) = [{p + k}] values, got [{string.Join(", ", parameters.shape)}].", nameof(parameters));
            Tensor value = Part(events, part, parameters.narrow(0, 0, p), parameters.narrow(0, p, k), prepared);
            // Derivatives refuses a part outside the autograd graph; a part that ignores p is legitimately constant.
            return value.requires_grad || !parameters.requires_grad ? value : value.add(parameters.sum().mul(0));
        });
    }

    /// <summary>The exact (autograd) Hessian of the NLL over (theta, nu), theta first, accumulated chunk by chunk.</summary>
    public double[,] Hessian(EventData events, double[] theta, double[] nu) =>
        Derivatives.ValueGradientHessian(AsObjective(events), [.. theta, .. nu]).Hessian;

    /// <summary>Per-event log-likelihood [N] (float64) of the mixture, from yields [F] (or [N, F]) and per-flavour log-densities.</summary>
    public static Tensor EventLogLikelihood(Tensor yields, FlavourLogDensities densities, LikelihoodMode mode)
    {
        using var scope = NewDisposeScope();
        Tensor logPy = densities.Features.to_type(ScalarType.Float64);
        Tensor? logPx = densities.Kinematics?.to_type(ScalarType.Float64);
        Tensor result;
        if (mode == LikelihoodMode.Joint)
        {
            if (logPx is null) throw new InvalidOperationException("The joint likelihood needs log p_f(x | nu); the density source gave none.");
            result = LogYieldWeightedSum(yields, logPx.add(logPy));
        }
        else if (logPx is not null)
        {
            result = LogYieldWeightedSum(yields, logPx.add(logPy)).sub(LogYieldWeightedSum(yields, logPx));
        }
        else
        {
            result = LogYieldWeightedSum(yields, logPy).sub(yields.sum(-1).log());
        }
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>log sum_f N_f exp(l_f) per event: a logsumexp over flavours with linear yields, so N_f = 0 is fine and its gradient finite.</summary>
    private static Tensor LogYieldWeightedSum(Tensor yields, Tensor logDensities)
    {
        Tensor peak = logDensities.max(1, keepdim: true).values.detach();
        peak = where(peak.isfinite(), peak, zeros_like(peak));
        return logDensities.sub(peak).exp().mul(yields).sum(1).log().add(peak.squeeze(1));
    }

    private int Parts(EventData events) => 1 + (int)((events.Count + ChunkSize - 1) / ChunkSize);

    /// <summary>Most event-flavour rows whose nu-independent part a profiling objective keeps in memory (beyond, it streams).</summary>
    public const long PreparedRowLimit = 2_000_000;

    /// <summary>The global terms C(nu) + N(theta, nu) (joint mode) or C(nu) (conditional), a float64 scalar.</summary>
    /// <param name="theta">POIs [P], float64.</param>
    /// <param name="nu">Nuisances [K], float64.</param>
    public Tensor GlobalTerms(Tensor theta, Tensor nu) => GlobalTermsOf(Model.Yields(theta, nu), nu);

    /// <summary>
    /// The event terms of a batch, -sum_i w_i log L_i (float64 scalar): the one assembly of yields, densities and weights
    /// that the full NLL, the step-1 fit and the amortized training share.
    /// </summary>
    /// <param name="x">Kinematics [B, Dx].</param>
    /// <param name="y">Features [B, Dy].</param>
    /// <param name="weights">Event weights [B], or null for unit weights.</param>
    /// <param name="theta">POIs [P], float64.</param>
    /// <param name="nu">Nuisances [K], or one row per event [B, K] (the amortized DoI's training).</param>
    public Tensor EventTerms(Tensor x, Tensor y, Tensor? weights, Tensor theta, Tensor nu) =>
        EventTerms(Model.Yields(theta, nu.to_type(ScalarType.Float64)), Densities.LogDensities(x, y, nu.to_type(y.dtype)), weights);

    /// <summary>
    /// The NLL of a minibatch charged its share of the global terms, per event: (C + N) / n + event terms / b for a batch
    /// of b of n (weighted) events, so that the steps of an epoch sum to NLL / n and each step's gradient is unbiased.
    /// </summary>
    public Tensor MinibatchNll(Tensor x, Tensor y, Tensor? weights, Tensor theta, Tensor nu, double events)
    {
        Tensor yields = Model.Yields(theta, nu);
        Tensor eventTerms = EventTerms(yields, Densities.LogDensities(x, y, nu.to_type(y.dtype)), weights);
        return GlobalTermsOf(yields, nu).div(events).add(eventTerms.div(x.shape[0]));
    }

    private Tensor GlobalTermsOf(Tensor yields, Tensor nu)
    {
        Tensor global = Model.Constraint(nu);
        return Mode == LikelihoodMode.Joint ? global.add(yields.sum()) : global;
    }

    private Tensor EventTerms(Tensor yields, FlavourLogDensities logDensities, Tensor? weights)
    {
        Tensor perEvent = EventLogLikelihood(yields, logDensities, Mode);
        if (weights is not null) perEvent = perEvent.mul(weights.to_type(ScalarType.Float64));
        return perEvent.sum().neg();
    }

    /// <summary>Part 0: the global terms; part c &gt; 0: the event terms of chunk c - 1. Scalars, float64.</summary>
    private Tensor Part(EventData events, int part, Tensor theta, Tensor nu, IDisposable?[]? prepared = null)
    {
        CheckParameters(theta, Model.PoiCount, "theta", Model.Pois);
        CheckParameters(nu, Model.NuisanceCount, "nu", Model.Nuisances.Select(n => n.Name).ToList());
        using var scope = NewDisposeScope();
        Tensor yields = Model.Yields(theta, nu);
        CheckYields(yields);
        if (part == 0) return GlobalTermsOf(yields, nu).MoveToOuterDisposeScope();

        long start = (long)(part - 1) * ChunkSize;
        long length = Math.Min(ChunkSize, events.Count - start);
        Tensor x = events.X.narrow(0, start, length), y = events.Y.narrow(0, start, length);
        FlavourLogDensities logDensities;
        if (prepared is not null && Densities is IPreparableDensities preparable)
        {
            if (prepared[part] is not { } chunk || !preparable.IsCurrent(chunk))
            {
                prepared[part]?.Dispose();
                using (no_grad()) prepared[part] = preparable.Prepare(x, y);
            }
            logDensities = preparable.LogDensities(prepared[part]!, nu.to_type(y.dtype));
        }
        else logDensities = Densities.LogDensities(x, y, nu.to_type(y.dtype));
        CheckDensities(logDensities, length);
        return EventTerms(yields, logDensities, events.Weights?.narrow(0, start, length)).MoveToOuterDisposeScope();
    }

    private void CheckColumns(EventData events)
    {
        if (events.X.shape[1] != Densities.KinematicDim)
            throw new ArgumentException($"{events.Source}: x has {events.X.shape[1]} columns but the densities expect {Densities.KinematicDim} kinematic columns.", nameof(events));
        if (events.Y.shape[1] != Densities.FeatureDim)
            throw new ArgumentException($"{events.Source}: y has {events.Y.shape[1]} columns but the densities expect {Densities.FeatureDim} feature columns.", nameof(events));
    }

    private static void CheckParameters(Tensor values, int count, string name, IReadOnlyList<string> names)
    {
        if (values.dim() != 1 || values.shape[0] != count)
            throw new ArgumentException($"{name} must be [{count}] ({string.Join(", ", names)}), got [{string.Join(", ", values.shape)}].", name);
        if (values.dtype != ScalarType.Float64)
            throw new ArgumentException($"{name} must be float64, got {values.dtype}.", name);
        using var detached = values.detach();
        double[] data = detached.data<double>().ToArray();
        for (int i = 0; i < count; i++)
            if (!double.IsFinite(data[i]))
                throw new ArgumentException($"{name}[{i}] ('{names[i]}') is {(double.IsNaN(data[i]) ? "NaN" : "infinite")}; parameters must be finite.", name);
    }

    private void CheckYields(Tensor yields)
    {
        using var detached = yields.detach();
        double[] values = detached.data<double>().ToArray();
        for (int f = 0; f < values.Length; f++)
            if (!double.IsFinite(values[f]) || values[f] < 0)
                throw new ArgumentException($"Flavour '{Model.Flavours[f].Name}' gets expected yield {values[f]} at these parameters; yields must be finite and >= 0 (check the POIs).");
    }

    private void CheckDensities(FlavourLogDensities d, long rows)
    {
        void Check(Tensor t, string what)
        {
            if (t.dim() != 2 || t.shape[0] != rows || t.shape[1] != Model.FlavourCount)
                throw new InvalidOperationException($"The density source returned {what} of shape [{string.Join(", ", t.shape)}]; expected [{rows}, {Model.FlavourCount}].");
        }
        Check(d.Features, "log p_f(y | x, nu)");
        if (d.Kinematics is not null) Check(d.Kinematics, "log p_f(x | nu)");
    }

    private static double[] Gradient(Tensor leaf)
    {
        using var g = leaf.grad;
        return g is null ? new double[leaf.shape[0]] : g.data<double>().ToArray();
    }
}
