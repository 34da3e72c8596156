using FnfDsl.Flows;
using FnfDsl.Fnf;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Fnf;

/// Analytic test density: y ~ N(m0 + context W + nu V, diag(sigma^2)), float64, with an exact sampler.
public sealed class LinearGaussian : ISystematicDensity, IConditionalDensity
{
    private readonly Tensor offset, weights, nuWeights, sigma;

    /// offset [D]; weights [C, D] (row-major); nuWeights [K, D]; sigma [D].
    public LinearGaussian(double[] offset, double[,] weights, double[,] nuWeights, double[] sigma)
    {
        Dim = offset.Length;
        ContextDim = weights.GetLength(0);
        NuisanceCount = nuWeights.GetLength(0);
        this.offset = tensor(offset).DetachFromDisposeScope();
        this.weights = (ContextDim == 0 ? zeros(0, Dim, dtype: ScalarType.Float64) : tensor(weights).reshape(ContextDim, Dim)).DetachFromDisposeScope();
        this.nuWeights = (NuisanceCount == 0 ? zeros(0, Dim, dtype: ScalarType.Float64) : tensor(nuWeights).reshape(NuisanceCount, Dim)).DetachFromDisposeScope();
        this.sigma = tensor(sigma).DetachFromDisposeScope();
    }

    public int Dim { get; }
    public int ContextDim { get; }
    public int NuisanceCount { get; }

    public Tensor Mean(Tensor? context, Tensor nu, long n)
    {
        using var scope = NewDisposeScope();
        Tensor mean = offset.unsqueeze(0).expand(n, Dim);
        if (ContextDim > 0) mean = mean.add(context!.matmul(weights));
        if (NuisanceCount > 0) mean = mean.add(nu.matmul(nuWeights));
        return mean.MoveToOuterDisposeScope();
    }

    public Tensor LogProb(Tensor y, Tensor? context, Tensor nu)
    {
        using var scope = NewDisposeScope();
        Tensor z = y.sub(Mean(context, nu, y.shape[0])).div(sigma);
        Tensor perDim = z.square().mul(-0.5).sub(sigma.log()).sub(0.5 * Math.Log(2 * Math.PI));
        return perDim.sum(1).MoveToOuterDisposeScope();
    }

    public Tensor LogProb(Tensor y, Tensor? context = null)
    {
        using var nu = zeros(NuisanceCount, dtype: ScalarType.Float64);
        return LogProb(y, context, nu);
    }

    public Tensor Sample(long n, Tensor? context, Tensor nu, Generator generator)
    {
        using var scope = NewDisposeScope();
        Tensor eps = randn([n, Dim], dtype: ScalarType.Float64, generator: generator);
        return Mean(context, nu, n).add(eps.mul(sigma)).MoveToOuterDisposeScope();
    }
}
