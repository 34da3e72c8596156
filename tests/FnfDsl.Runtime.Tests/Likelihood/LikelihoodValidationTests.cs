using FnfDsl.Likelihood;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Likelihood;

/// Bad input is refused with a clear message before any density is evaluated.
public class LikelihoodValidationTests
{
    private static readonly AnalyticMixture Mix = new([-1.0, 1.0], [-0.8, 0.8], nuisances: 1);

    private static MixtureLikelihood Likelihood(LikelihoodMode mode = LikelihoodMode.Joint, IFlavourDensities? densities = null) =>
        new(new MixtureModel([new("A", 10), new("B", 10)], ["mu"], [new("nu")], [new PoiScale(0, 1)]),
            densities ?? Mix.Densities, mode);

    private static Tensor Column(params double[] v) => tensor(v).unsqueeze(1);

    [Fact]
    public void WrongColumnCountsAreNamed()
    {
        var twoX = EventData.Create(zeros(3, 2, dtype: ScalarType.Float64), Column(0, 1, 2));
        Assert.Contains("x has 2 columns", Assert.Throws<ArgumentException>(() => Likelihood().Value(twoX, [1], [0])).Message);
        var twoY = EventData.Create(Column(0, 1, 2), zeros(3, 2, dtype: ScalarType.Float64));
        Assert.Contains("y has 2 columns", Assert.Throws<ArgumentException>(() => Likelihood().Value(twoY, [1], [0])).Message);
    }

    [Fact]
    public void NonFiniteEventsNameTheirRowAndColumn()
    {
        var y = zeros(5, 2, dtype: ScalarType.Float64);
        y[3, 1] = tensor(double.NaN);
        var nan = Assert.Throws<ArgumentException>(() => EventData.Create(zeros(5, 1, dtype: ScalarType.Float64), y, source: "data.parquet"));
        Assert.Contains("data.parquet: y row 3 column 1 is NaN", nan.Message);
        var x = zeros(5, 1, dtype: ScalarType.Float64);
        x[0, 0] = tensor(double.NegativeInfinity);
        Assert.Contains("x row 0 column 0 is -Inf", Assert.Throws<ArgumentException>(() => EventData.Create(x, y.nan_to_num())).Message);
        Assert.Contains("weights row 2 is negative",
            Assert.Throws<ArgumentException>(() => EventData.Create(Column(0, 0, 0), Column(0, 0, 0), tensor(new[] { 1.0, 0.0, -1.0 }))).Message);
        Assert.Contains("x has 3 rows but y has 2",
            Assert.Throws<ArgumentException>(() => EventData.Create(Column(0, 0, 0), Column(0, 0))).Message);
    }

    [Fact]
    public void NegativeYieldsAreRefused()
    {
        Assert.Contains("nominal yield -5",
            Assert.Throws<ArgumentException>(() => new MixtureModel([new("A", -5)], [], [], [])).Message);
        var events = EventData.Create(Column(0, 1), Column(0, 1));
        Assert.Contains("Flavour 'B' gets expected yield",
            Assert.Throws<ArgumentException>(() => Likelihood().Value(events, [-0.5], [0])).Message);
    }

    [Fact]
    public void BadParametersAreRefused()
    {
        var events = EventData.Create(Column(0, 1), Column(0, 1));
        Assert.Contains("theta must be [1]", Assert.Throws<ArgumentException>(() => Likelihood().Value(events, [1, 2], [0])).Message);
        Assert.Contains("nu[0] ('nu') is NaN", Assert.Throws<ArgumentException>(() => Likelihood().Value(events, [1], [double.NaN])).Message);
        Assert.Throws<ArgumentException>(() => new MixtureModel([new("A", 1)], [], [], [new LogNormalRate(0, 0, 1.1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogNormalRate(0, 0, -1.1));
    }

    [Fact]
    public void AJointLikelihoodWithoutKinematicDensityIsRefused()
    {
        var noKinematics = new FlavourDensities(Mix.Features, null, 2);
        var events = EventData.Create(Column(0, 1), Column(0, 1));
        Assert.Contains("needs log p_f(x | nu)",
            Assert.Throws<InvalidOperationException>(() => Likelihood(LikelihoodMode.Joint, noKinematics).Value(events, [1], [0])).Message);
        Assert.True(double.IsFinite(Likelihood(LikelihoodMode.Conditional, noKinematics).Value(events, [1], [0])));
    }
}
