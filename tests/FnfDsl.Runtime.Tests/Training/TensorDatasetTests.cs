using FnfDsl.Training;
using static TorchSharp.torch;

namespace FnfDsl.Tests.Training;

/// Columns share the event index; slicing selects the same events in every column.
public class TensorDatasetTests
{
    [Fact]
    public void SlicingByIndexSelectsTheSameRowsOfEveryColumn()
    {
        using var scope = NewDisposeScope();
        var a = arange(10, dtype: ScalarType.Float64).view(5, 2);
        var b = arange(5, dtype: ScalarType.Int64);
        var data = new TensorDataset(a, b);

        var slice = data.Slice(tensor(new long[] { 4, 1 }));

        Assert.Equal(5, data.Count);
        Assert.Equal(new[] { 8.0, 9.0, 2.0, 3.0 }, slice[0].data<double>().ToArray());
        Assert.Equal(new long[] { 4, 1 }, slice[1].data<long>().ToArray());
        Assert.Equal(new long[] { 2, 3 }, data.Slice(2, 2)[1].data<long>().ToArray());
    }

    [Fact]
    public void ColumnsWithDifferentRowCountsAreRejected()
    {
        using var scope = NewDisposeScope();
        var ex = Assert.Throws<ArgumentException>(() => new TensorDataset(zeros(5, 2), zeros(4)));
        Assert.Contains("Column 1 has 4 rows, column 0 has 5", ex.Message);
        Assert.Throws<ArgumentException>(() => new TensorDataset());
    }
}
