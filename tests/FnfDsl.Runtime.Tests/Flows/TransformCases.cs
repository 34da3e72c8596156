using FnfDsl.Doi;
using FnfDsl.Fnf;
using FnfDsl.Flows;
using FnfDsl.Tests.Fnf;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Flows;

/// <summary>One row of the transform property table: how to build the transform and what to expect of it.</summary>
/// <param name="Name">Row name shown by the test runner.</param>
/// <param name="Build">Builds the transform (float64, random non-trivial parameters).</param>
/// <param name="ContextDim">Context width (0: unconditional).</param>
/// <param name="RoundTripTolerance">Largest allowed |f^-1(f(y)) - y|.</param>
/// <param name="Inputs">Draws N inputs [N, D] inside the transform's domain.</param>
/// <param name="HasIdentityTails">True for pure spline transforms: identity with log-det 0 outside [-B, B].</param>
/// <param name="Contexts">Draws N contexts [N, ContextDim] (default: standard normal).</param>
/// <param name="Randomise">Converts the transform to float64 and gives it non-trivial parameters from a seed (default: <see cref="RandomParameters"/>).</param>
public sealed record TransformCase(string Name, Func<Transform> Build, int ContextDim, double RoundTripTolerance,
    Func<int, int, Generator, Tensor> Inputs, bool HasIdentityTails, Func<int, Generator, Tensor>? Contexts = null,
    Action<Transform, long>? Randomise = null)
{
    private const double Affine = 1e-8, Spline = 1e-6;
    private static readonly int[] Hidden = { 16, 16 };

    // The FNF of the FNF tests: D = 3, context 2 kinematics + 2 flavours, K = 3 nuisances (a restricted head, a cross term).
    private static readonly FnfTransform Fnf = FnfTestModels.ThreeFeatureFnf();

    /// <summary>Every transform of the library, unconditional and conditional.</summary>
    public static IReadOnlyList<TransformCase> All { get; } = new TransformCase[]
    {
        new("affine", () => new AffineTransform(3), 0, Affine, Normal, false),
        new("spline elementwise", () => new SplineTransform(3, bins: 8), 0, Spline, Normal, true),
        new("autoregressive affine (MAF)", () => new AutoregressiveTransform(new MonotonicAffine(), 3, 0, Hidden), 0, Affine, Normal, false),
        new("autoregressive affine (MAF) with context", () => new AutoregressiveTransform(new MonotonicAffine(), 3, 2, Hidden), 2, Affine, Normal, false),
        new("autoregressive spline (NSF)", () => new AutoregressiveTransform(new MonotonicSpline(8), 3, 0, Hidden), 0, Spline, Normal, true),
        new("autoregressive spline (NSF) with context", () => new AutoregressiveTransform(new MonotonicSpline(8), 3, 2, Hidden), 2, Spline, Normal, true),
        new("autoregressive spline D=1 with context", () => new AutoregressiveTransform(new MonotonicSpline(8), 1, 2, Hidden), 2, Spline, Normal, true),
        new("coupling affine", () => new CouplingTransform(new MonotonicAffine(), 3, 0, Hidden), 0, Affine, Normal, false),
        new("coupling spline with context", () => new CouplingTransform(new MonotonicSpline(8), 3, 2, Hidden), 2, Spline, Normal, true),
        new("permutation", () => new Permutation(new[] { 2, 0, 1 }), 0, 0.0, Normal, false),
        new("composition with context", () => new ComposedTransform(
            new AutoregressiveTransform(new MonotonicSpline(8), 3, 2, Hidden), Permutation.Reverse(3),
            new AutoregressiveTransform(new MonotonicAffine(), 3, 2, Hidden), new SplineTransform(3, bins: 5)), 2, Spline, Normal, false),
        new("FNF map S at per-event nu", () => new FnfAtNu(FnfTestModels.ThreeFeatureFnf()), Fnf.ContextDim + Fnf.NuisanceCount, Affine, Normal, false,
            (n, g) => FnfAtNu.Contexts(Fnf, n, g), (t, seed) => ((FnfAtNu)t).Perturb(seed)),
        new("DoI T", () => new DistributionOfInterest(3, 2, layers: 2, bins: 8, Hidden,
            tensor(new[] { 0.5, -1.0, 2.0 }), tensor(new[] { 0.3, 2.0, 1.5 })), 2, Spline, Normal, false),
        new("standardize", () => new Standardize(tensor(new[] { 0.5, -1.0, 2.0 }), tensor(new[] { 0.3, 2.0, 1.5 })), 0, Affine, Normal, false),
        new("min-max + logit", () => new MinMaxLogit(tensor(new[] { -6.0, -1.0, 0.0 }), tensor(new[] { 6.0, 3.0, 0.5 })), 0, Affine,
            (n, d, g) => tensor(new[] { -6.0, -1.0, 0.0 }) + rand(n, d, dtype: ScalarType.Float64, generator: g).mul_(0.98).add_(0.01) * tensor(new[] { 12.0, 4.0, 0.5 }), false),
        new("declared ranges (two-sided, lower, upper, none)", () => new VariableRanges(["a", "b", "c", "d"], [-1.0, 0.5, null, null], [3.0, null, 2.0, null], [1.0, 0.7, 1.5, 1.0]), 0, Affine,
            (n, d, g) => cat([
                rand(n, 1, dtype: ScalarType.Float64, generator: g).mul_(3.92).add_(-0.96),
                randn(n, 1, dtype: ScalarType.Float64, generator: g).exp_().add_(0.5),
                randn(n, 1, dtype: ScalarType.Float64, generator: g).exp_().neg_().add_(2.0),
                randn(n, 1, dtype: ScalarType.Float64, generator: g).mul_(2.0)], 1), false),
        new("clip (inside [-5, 5])", () => new Clip(3), 0, 0.0,
            (n, d, g) => rand(n, d, dtype: ScalarType.Float64, generator: g).mul_(9.8).sub_(4.9), false),
    };

    /// <summary>The row with the given name.</summary>
    public static TransformCase Named(string name) => All.Single(c => c.Name == name);

    /// <summary>Row names for an xunit Theory.</summary>
    public static IEnumerable<object[]> Names => All.Select(c => new object[] { c.Name });

    /// <summary>The transform in float64 with random parameters (see <see cref="Randomise"/>).</summary>
    public Transform BuildRandomised(long seed)
    {
        var transform = Build();
        if (Randomise is not null) Randomise(transform, seed);
        else RandomParameters.Randomise(transform, seed);
        return transform;
    }

    /// <summary>A context [N, ContextDim] (null when unconditional).</summary>
    public Tensor? Context(int n, Generator g) =>
        Contexts is not null ? Contexts(n, g) : ContextDim == 0 ? null : randn(n, ContextDim, dtype: ScalarType.Float64, generator: g);

    // Mostly inside [-5, 5], some events in the tails.
    private static Tensor Normal(int n, int d, Generator g) => randn(n, d, dtype: ScalarType.Float64, generator: g).mul_(2.0);

    /// <inheritdoc />
    public override string ToString() => Name;
}
