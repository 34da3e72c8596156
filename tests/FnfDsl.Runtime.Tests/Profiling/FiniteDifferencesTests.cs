using FnfDsl.Profiling;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Profiling;

/// Finite-difference curvature on polynomials whose differences are known exactly.
public class FiniteDifferencesTests
{
    // f = p0^4 + p1^4 + p0 p1: central differences of the gradient give 12 p_j^2 + 4 h_j^2 on the diagonal (exactly, for a
    // quartic) and 1 off it, whatever the steps.
    private static readonly Objective Quartic = Objective.From(p => p.pow(4).sum() + p[0] * p[1]);
    private static readonly double[] At = [0.5, -2.0];

    [Fact]
    public void EachParameterIsDifferencedWithItsOwnStep()
    {
        double[] steps = [1e-2, 1e-1];

        var h = FiniteDifferences.Hessian(Quartic, At, steps);

        Assert.Equal(12 * At[0] * At[0] + 4 * steps[0] * steps[0], h[0, 0], 10);
        Assert.Equal(12 * At[1] * At[1] + 4 * steps[1] * steps[1], h[1, 1], 10);
        Assert.Equal(1.0, h[0, 1], 10);
        Assert.Equal(h[0, 1], h[1, 0]);
    }

    [Fact]
    public void TheOneStepHessianIsTheSpecialCaseWithEqualStepsAndThreeWindows()
    {
        var one = Derivatives.FiniteDifferenceHessian(Quartic, At, 1e-3);
        var perParameter = FiniteDifferences.Hessian(Quartic, At, [1e-3, 1e-3], medianOfThreeWindows: true);

        Assert.Equal(one, perParameter);
    }

    [Fact]
    public void ConditionalErrorsAreOneOverTheRootOfEachDiagonalCurvature()
    {
        // A quadratic: second differences are exact, so the errors are 1 / sqrt(H_kk) (not the marginal sqrt((H^-1)_kk)).
        var quadratic = Objective.From(p => 0.5 * (4 * p[0].square() + 2 * 1.5 * p[0] * p[1] + p[1].square()));

        var errors = FiniteDifferences.ConditionalErrors(quadratic, [0.3, -0.2], 0.1);

        Assert.Equal(1 / Math.Sqrt(4), errors[0], 10);
        Assert.Equal(1.0, errors[1], 10);
    }

    [Fact]
    public void AConditionalErrorIsInfiniteWhereTheCurvatureIsNotPositive()
    {
        var saddle = Objective.From(p => p[1].square() - p[0].square());

        var errors = FiniteDifferences.ConditionalErrors(saddle, [0.0, 0.0], 0.1);

        Assert.True(double.IsPositiveInfinity(errors[0]));
        Assert.Equal(1 / Math.Sqrt(2), errors[1], 10);
    }

    [Fact]
    public void StepsMustBePositiveAndOnePerParameter()
    {
        Assert.Throws<ArgumentException>(() => FiniteDifferences.Hessian(Quartic, At, [1e-3]));
        Assert.Throws<ArgumentException>(() => FiniteDifferences.Hessian(Quartic, At, [1e-3, 0]));
        Assert.Throws<ArgumentException>(() => FiniteDifferences.ConditionalErrors(Quartic, At, double.NaN));
    }
}
