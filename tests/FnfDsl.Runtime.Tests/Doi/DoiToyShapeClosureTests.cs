using FnfDsl.Tests.Analysis;
using FnfDsl.Testing.Toy;
using FnfDsl.Tables;
using Xunit.Abstractions;

namespace FnfDsl.Tests.Doi;

/// <summary>
/// Injected-nuisance closure of the feature scale: data with nu_y = -0.5. The DoI can absorb what nu_y does to the features,
/// so once T is profiled nu_y is constrained by little more than its unit prior, and the amortized minimum must not be
/// pulled off the global fit.
/// </summary>
/// <remarks>
/// Closure on -0.5 with an interval that excludes 0 is not what this toy can show: measured, step 1 gives nu_y = -0.09 and
/// the amortized profile -0.03 +- 0.82, i.e. the data alone constrain nu_y to about +-1.4 once T absorbs it, and the prior
/// pulls the estimate to 0. So the test asserts what is true and can fail: the injected value inside one sigma, a sigma
/// no wider than the prior and not much narrower (data that do pin nu_y, or a wrong curvature, fail it), and the amortized
/// minimum on the step-1 one (a residual R whose error pulls the minimum fails it).
/// </remarks>
public sealed class DoiToyShapeClosureTests(DoiToy.InjectedNuY toy, ITestOutputHelper output) : IClassFixture<DoiToy.InjectedNuY>
{
    [Fact]
    public void AmortizedProfile_RecoversTheInjectedFeatureScaleWithinOneSigma_AsThePriorAllows()
    {
        int i = Array.IndexOf(ToyFixture.Nuisances, ToyNuisances.VariationYName);
        int p = toy.Profiler.IndexOf(ToyNuisances.VariationYName);
        double nuY = toy.Best.Parameters[p], sigma = toy.Hessian.Errors[p];
        output.WriteLine($"step 1 nu_y = {toy.Step1.Nu[i]:F3}; step 2 nu_y = {nuY:F3} +- {sigma:F3}; focused box [{toy.Box.Low[i]:F3}, {toy.Box.High[i]:F3}]");
        Assert.True(sigma > 0.6 && sigma < 1.0, $"sigma {sigma}: the unit prior bounds it above, and the DoI leaves the data little to add");
        Assert.True(Math.Abs(nuY - toy.Injected[i]) <= sigma, $"nu_y = {nuY} +- {sigma}, injected {toy.Injected[i]}");
        Assert.True(Math.Abs(nuY - toy.Step1.Nu[i]) <= 0.25 * sigma, $"the amortized nu_y = {nuY} is pulled off the global fit's {toy.Step1.Nu[i]} (sigma {sigma})");
    }
}
