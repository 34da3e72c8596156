using FnfDsl.Flows;
using TorchSharp;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Flows;

/// Chunked evaluation and gradient accumulation equal their full-batch counterparts.
public class ChunkingTests
{
    [Fact]
    public void ChunkedLogProbEqualsFullBatch()
    {
        manual_seed(31);
        var flow = Nsf.Create(2, 1, layers: 2, bins: 6, hidden: new[] { 12 });
        flow.to(ScalarType.Float64);
        using var scope = NewDisposeScope();
        var y = randn(53, 2, dtype: ScalarType.Float64);
        var context = randn(53, 1, dtype: ScalarType.Float64);

        var chunked = Chunking.LogProb(flow, y, context, chunkSize: 7);
        var full = flow.LogProb(y, context);

        Assert.False(chunked.requires_grad);
        Assert.True((chunked - full).abs().max().item<double>() < 1e-12);
    }

    [Theory]
    [InlineData(ChunkReduction.Mean)]
    [InlineData(ChunkReduction.Sum)]
    public void AccumulatedGradientsEqualTheFullBatchGradient(ChunkReduction reduction)
    {
        manual_seed(32);
        var flow = Nsf.Create(2, 1, layers: 1, bins: 6, hidden: new[] { 12 });
        flow.to(ScalarType.Float64);
        using var scope = NewDisposeScope();
        var y = randn(53, 2, dtype: ScalarType.Float64);
        var context = randn(53, 1, dtype: ScalarType.Float64);
        Tensor Loss(Tensor[] c)
        {
            var nll = flow.LogProb(c[0], c[1]).neg();
            return reduction == ChunkReduction.Mean ? nll.mean() : nll.sum();
        }

        var full = Loss(new[] { y, context });
        full.backward();
        var expected = flow.parameters().Select(p => p.grad!.clone()).ToList();
        flow.zero_grad();
        double accumulated = Chunking.AccumulateGradients(Loss, new[] { y, context }, reduction, chunkSize: 7);

        Assert.Equal(full.item<double>(), accumulated, 10);
        foreach (var (p, g) in flow.parameters().Zip(expected))
            Assert.True((p.grad! - g).abs().max().item<double>() < 1e-10);
        Assert.Equal(full.item<double>(), Chunking.Loss(Loss, new[] { y, context }, reduction, chunkSize: 10), 10);
    }

    [Fact]
    public void ColumnsWithDifferentRowCountsAreRejected()
    {
        using var scope = NewDisposeScope();
        var ex = Assert.Throws<ArgumentException>(() => Chunking.Map(c => c[0].sum(1), new[] { zeros(5, 2), zeros(4, 1) }));
        Assert.Contains("Column 1 has 4 rows", ex.Message);
    }
}
