using FnfDsl.Training;

namespace FnfDsl.Tests.Training;

/// Linear warm-up then cosine decay, at chosen steps.
public class LearningRateScheduleTests
{
    [Theory]
    [InlineData(0, 100, 10, 0.1)]
    [InlineData(4, 100, 10, 0.5)]
    [InlineData(9, 100, 10, 1.0)]
    [InlineData(10, 100, 10, 1.0)]
    [InlineData(55, 100, 10, 0.5)]
    [InlineData(35, 110, 10, 0.853553390593274)] // t = 0.25: 0.5 (1 + cos(pi / 4))
    [InlineData(99, 100, 10, 3.0458649045213e-4)] // t = 89/90
    [InlineData(0, 100, 0, 1.0)]
    [InlineData(50, 100, 0, 0.5)]
    public void FactorAtStep(long step, long total, long warmup, double expected) =>
        Assert.Equal(expected, LearningRateSchedule.Factor(step, total, warmup), 10);

    [Fact]
    public void OutOfRangeArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Factor(0, 10, 11));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Factor(-1, 10, 0));
    }
}
