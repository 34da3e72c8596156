using FnfDsl.Flows;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Flows;

/// MADE's autoregressive structure: output block i depends on y_&lt;i and on every context column, nothing else.
public class MaskedMlpTests
{
    [Theory]
    [InlineData(3, 0)]
    [InlineData(3, 2)]
    [InlineData(1, 3)]
    public void OutputBlockDependsExactlyOnEarlierDimensionsAndTheContext(int dim, int contextDim)
    {
        manual_seed(8);
        var made = new MaskedMlp(dim, contextDim, outputsPerDim: 4, hidden: new[] { 24, 24 });
        made.to(ScalarType.Float64);
        using var scope = NewDisposeScope();
        var y = randn(5, dim, dtype: ScalarType.Float64).requires_grad_(true);
        var context = contextDim > 0 ? randn(5, contextDim, dtype: ScalarType.Float64).requires_grad_(true) : null;

        var output = made.Forward(y, context);
        Assert.Equal(new long[] { 5, dim, 4 }, output.shape);
        for (int i = 0; i < dim; i++)
        {
            var inputs = context is null ? new[] { y } : new[] { y, context };
            var grads = autograd.grad(new[] { output.select(1, i).sum() }, inputs, retain_graph: true, allow_unused: true);
            var dy = grads[0] is null ? zeros(5, dim, dtype: ScalarType.Float64) : grads[0];
            for (int j = 0; j < dim; j++)
            {
                double sensitivity = dy.select(1, j).abs().sum().item<double>();
                if (j < i) Assert.True(sensitivity > 0, $"block {i} must see y_{j}");
                else Assert.Equal(0.0, sensitivity);
            }
            if (context is not null)
                for (int c = 0; c < contextDim; c++)
                    Assert.True(grads[1].select(1, c).abs().sum().item<double>() > 0, $"block {i} must see context column {c}");
        }
    }
}
