using FnfDsl.Fnf;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Fnf;

/// Small FNFs and inputs shared by the FNF and likelihood tests (float64).
public static class FnfTestModels
{
    /// D = 3 features, context = 2 kinematics + 2 flavours, K = 3 nuisances; heads of two sizes, one
    /// restricted to features {0, 2} and flavour 1, and a cross term a x c.
    public static FnfTransform ThreeFeatureFnf(int layers = 2, bool crossTerm = true, double quadraticDamping = 0.5) =>
        new FnfTransform(3, 2, 2, 3,
            [
                new FnfHeadSpec("a", 0, [16, 16]),
                new FnfHeadSpec("b", 1, [8], Moves: [0, 2], Flavours: [1]),
                new FnfHeadSpec("c", 2, [16, 16]),
            ],
            new FnfOptions(Layers: layers, QuadraticDamping: quadraticDamping,
                CrossTerms: crossTerm ? [new FnfCrossTerm("a", "c")] : null, Seed: 7));

    /// Gives every head's output layer random values, as training would, so that S is far from the identity.
    public static FnfTransform Perturbed(FnfTransform fnf, double scale = 0.3, ulong seed = 11)
    {
        var generator = new Generator(seed);
        using var _ = no_grad();
        foreach (var name in fnf.HeadNames)
            for (int l = 0; l < fnf.Options.Layers; l++)
            {
                var mlp = fnf.Head(name).Layer(l);
                int last = mlp.Depth - 1;
                foreach (var p in new[] { mlp.Weight(last), mlp.Bias(last) })
                {
                    using var r = randn(p.shape, dtype: p.dtype, generator: generator).mul(scale);
                    p.copy_(r);
                }
            }
        return fnf;
    }

    /// Random inputs: y [n, D], context (x [n, Cx], random flavour one-hot [n, F]), per-event nu [n, K].
    public static (Tensor Y, Tensor Context, Tensor Nu) Inputs(FnfTransform fnf, long n, ulong seed = 3)
    {
        var g = new Generator(seed);
        var y = randn([n, fnf.Dim], dtype: ScalarType.Float64, generator: g);
        var x = randn([n, fnf.KinematicDim], dtype: ScalarType.Float64, generator: g);
        var flavour = randint(0, fnf.FlavourCount, [n], generator: g);
        var oneHot = nn.functional.one_hot(flavour, fnf.FlavourCount).to_type(ScalarType.Float64);
        var context = cat([x, oneHot], 1);
        var nu = randn([n, fnf.NuisanceCount], dtype: ScalarType.Float64, generator: g).mul(0.8);
        return (y, context, nu);
    }
}
