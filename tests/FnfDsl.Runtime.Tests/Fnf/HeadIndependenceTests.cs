using FnfDsl.Fnf;
using FnfDsl.Likelihood;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Fnf;

/// Modularity of the FNF (method.md section 3): training nuisance k's head on its variation samples
/// changes no other head, and adding a nuisance retrains nothing else.
public class HeadIndependenceTests
{
    // Nominal y | x, f ~ N(...); nuisance a shifts y0 by 0.5 nu_a, nuisance b shifts y1 by -0.4 nu_b.
    private static readonly LinearGaussian Truth = new([0.2, -0.1], new double[,] { { 0.3, 0.1 }, { 0.5, -0.5 }, { -0.5, 0.5 } },
        new double[,] { { 0.5, 0.0 }, { 0.0, -0.4 } }, [0.6, 0.5]);
    private static readonly LinearGaussian Nominal = new([0.2, -0.1], new double[,] { { 0.3, 0.1 }, { 0.5, -0.5 }, { -0.5, 0.5 } },
        new double[0, 2], [0.6, 0.5]);

    /// The +-1 variation samples of nuisance k: y, context, per-event nu [n, 2].
    private static (Tensor Y, Tensor Context, Tensor Nu) VariationSamples(int k, long perSide, ulong seed)
    {
        var g = new Generator(seed);
        long n = 2 * perSide;
        var x = rand([n, 1], dtype: ScalarType.Float64, generator: g).mul(2);
        var flavour = randint(0, 2, [n], generator: g);
        var context = cat([x, nn.functional.one_hot(flavour, 2).to_type(ScalarType.Float64)], 1);
        var sign = cat([ones(perSide, dtype: ScalarType.Float64), ones(perSide, dtype: ScalarType.Float64).neg()]);
        var nu = zeros(n, 2, dtype: ScalarType.Float64);
        nu[.., k] = sign;
        return (Truth.Sample(n, context, nu, g), context, nu);
    }

    private static FnfTransform Fnf(params string[] heads)
    {
        var specs = heads.Select(h => new FnfHeadSpec(h, h == "a" ? 0 : 1, [16, 16])).ToArray();
        var fnf = new FnfTransform(2, 1, 2, heads.Length == 1 ? 1 : 2, specs, new FnfOptions(Seed: 3));
        fnf.to(ScalarType.Float64);
        return fnf;
    }

    /// Full-batch AdamW (with weight decay) on -mean log p(y | x, f, nu) over every parameter of the FNF.
    private static double Train(FnfTransform fnf, (Tensor Y, Tensor Context, Tensor Nu) sample, int steps = 150)
    {
        var density = new SystematicDensity(Nominal, fnf);
        var optimizer = optim.AdamW(fnf.parameters(), lr: 0.01, weight_decay: 0.01);
        Tensor nu = sample.Nu.shape[1] == fnf.NuisanceCount ? sample.Nu : sample.Nu.narrow(1, 0, fnf.NuisanceCount);
        double loss = 0;
        for (int step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var l = density.LogProb(sample.Y, sample.Context, nu).mean().neg();
            l.backward();
            optimizer.step();
            loss = l.item<double>();
        }
        return loss;
    }

    private static Tensor[] Snapshot(FnfHead head) => head.parameters().Select(p => p.detach().clone()).ToArray();

    private static void AssertBitwiseEqual(Tensor[] expected, FnfHead head)
    {
        var actual = head.parameters().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < actual.Length; i++)
            Assert.True(expected[i].equal(actual[i]).all().item<bool>(), $"parameter {i} of head {head.HeadName} changed");
    }

    [Fact]
    public void TrainingOnOneNuisancesSamplesLeavesTheOtherHeadBitwiseUnchanged()
    {
        var fnf = Fnf("a", "b");
        var before = Snapshot(fnf.Head("a"));
        var headB = Snapshot(fnf.Head("b"));
        var sample = VariationSamples(1, 1000, seed: 1);

        using var zeroNu = zeros(2, dtype: ScalarType.Float64);
        var density = new SystematicDensity(Nominal, fnf);
        double nominalLoss = density.LogProb(sample.Y, sample.Context, zeroNu).mean().neg().item<double>();
        double trainedLoss = Train(fnf, sample);

        AssertBitwiseEqual(before, fnf.Head("a"));
        Assert.Contains(fnf.Head("b").parameters().Zip(headB), p => !p.First.equal(p.Second).all().item<bool>());
        Assert.True(trainedLoss < nominalLoss - 0.05, $"head b did not learn: {nominalLoss} -> {trainedLoss}");
    }

    [Fact]
    public void AddingANuisanceRetrainsNothingElse()
    {
        // Initialisation is per head: head a starts the same with or without head b.
        var alone = Fnf("a");
        var both = Fnf("a", "b");
        AssertBitwiseEqual(Snapshot(alone.Head("a")), both.Head("a"));

        Train(alone, VariationSamples(0, 1000, seed: 2));
        var trainedA = Snapshot(alone.Head("a"));
        both.Head("a").load_state_dict(alone.Head("a").state_dict());
        Train(both, VariationSamples(1, 1000, seed: 3));
        AssertBitwiseEqual(trainedA, both.Head("a"));

        // So the two-nuisance density equals the one-nuisance density wherever nu_b = 0.
        var (y, context, _) = VariationSamples(0, 100, seed: 4);
        using var nuAlone = tensor(new[] { 0.7 });
        using var nuBoth = tensor(new[] { 0.7, 0.0 });
        var pAlone = new SystematicDensity(Nominal, alone).LogProb(y, context, nuAlone);
        var pBoth = new SystematicDensity(Nominal, both).LogProb(y, context, nuBoth);
        Assert.True(pAlone.allclose(pBoth, rtol: 0, atol: 1e-12));
        using var nuB = tensor(new[] { 0.0, 1.0 });
        Assert.True(new SystematicDensity(Nominal, both).LogProb(y, context, nuB).sub(pBoth).abs().max().item<double>() > 0.01);
    }
}
