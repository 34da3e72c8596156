using FnfDsl.Tests.Analysis;
using FnfDsl.Testing.Toy;
using FnfDsl.Tables;
using Xunit.Abstractions;

namespace FnfDsl.Tests.Doi;

/// <summary>
/// Injected-nuisance closure of the feature scale: data with nu_y = -0.5. The DoI can absorb what nu_y does to the features,
/// so once T is profiled nu_y is constrained by little more than its prior, and the amortized minimum must not be pulled off.
/// </summary>
public sealed class DoiToyShapeClosureTests(DoiToy.InjectedNuY toy, ITestOutputHelper output) : IClassFixture<DoiToy.InjectedNuY>
{
    [Fact]
    public void AmortizedProfile_RecoversTheInjectedFeatureScaleWithinOneSigma()
    {
        int i = Array.IndexOf(ToyFixture.Nuisances, ToyNuisances.VariationYName);
        int p = toy.Profiler.IndexOf(ToyNuisances.VariationYName);
        double nuY = toy.Best.Parameters[p], sigma = toy.Hessian.Errors[p];
        output.WriteLine($"step 1 nu_y = {toy.Step1.Nu[i]:F3}; step 2 nu_y = {nuY:F3} +- {sigma:F3}; focused box [{toy.Box.Low[i]:F3}, {toy.Box.High[i]:F3}]");
        Assert.True(sigma > 0.05 && sigma < 1.5, $"sigma {sigma}");
        Assert.True(Math.Abs(nuY - toy.Injected[i]) <= sigma, $"nu_y = {nuY} +- {sigma}, injected {toy.Injected[i]}");
    }
}
