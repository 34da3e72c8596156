using FnfDsl.Fnf;
using FnfDsl.Flows;
using FnfDsl.Tests.Fnf;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Flows;

/// <summary>
/// The FNF map S as a plain transform of the property table: its context is (kinematics, flavour one-hot, nu), so that
/// every event carries its own nu (S's base-class overloads are S at nu = 0, the identity, which would test nothing).
/// </summary>
internal sealed class FnfAtNu : Transform
{
    private readonly FnfTransform fnf;

    public FnfAtNu(FnfTransform fnf) : base(nameof(FnfAtNu))
    {
        this.fnf = fnf;
        RegisterComponents();
    }

    public override int Dim => fnf.Dim;

    /// <summary>
    /// Float64, with random output layers as training would leave them (redrawing every weight, as other rows do, makes
    /// the heads' deep flat parameters explode exp(s)).
    /// </summary>
    public void Perturb(long seed)
    {
        fnf.to(ScalarType.Float64);
        FnfTestModels.Perturbed(fnf, scale: 0.3, seed: (ulong)seed);
    }

    public override (Tensor Z, Tensor LogDet) ForwardAndLogDet(Tensor y, Tensor? context = null) => fnf.ForwardAndLogDet(y, Context(context), Nu(context));

    public override Tensor Inverse(Tensor z, Tensor? context = null) => fnf.Inverse(z, Context(context), Nu(context));

    /// <summary>Draws contexts [n, Cx + F + K]: normal kinematics, a random flavour's one-hot, nu ~ N(0, 0.8^2) per event.</summary>
    public static Tensor Contexts(FnfTransform fnf, int n, Generator g)
    {
        using var scope = NewDisposeScope();
        var x = randn(n, fnf.KinematicDim, dtype: ScalarType.Float64, generator: g);
        var flavour = randint(0, fnf.FlavourCount, [n], generator: g);
        var oneHot = nn.functional.one_hot(flavour, fnf.FlavourCount).to_type(ScalarType.Float64);
        var nu = randn(n, fnf.NuisanceCount, dtype: ScalarType.Float64, generator: g).mul_(0.8);
        return cat([x, oneHot, nu], 1).MoveToOuterDisposeScope();
    }

    private Tensor Context(Tensor? context) => context!.narrow(1, 0, fnf.ContextDim);

    private Tensor Nu(Tensor? context) => context!.narrow(1, fnf.ContextDim, fnf.NuisanceCount);
}
