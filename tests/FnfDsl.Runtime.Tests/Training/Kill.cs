using FnfDsl.Training;

namespace FnfDsl.Tests.Training;

/// A progress callback that kills a training (throws) at the first step of an epoch, as a crash would: checkpoint tests resume from there.
internal static class Kill
{
    public static Action<TrainingProgress> AtEpoch(int epoch) => p =>
    {
        if (p.Epoch == epoch) throw new OperationCanceledException($"killed in epoch {epoch}");
    };
}
