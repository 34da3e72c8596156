namespace FnfDsl.Training;

/// <summary>Linear warm-up followed by cosine decay, evaluated per optimisation step.</summary>
public static class LearningRateSchedule
{
    /// <summary>
    /// Factor of the base learning rate at 0-based <paramref name="step"/> of <paramref name="totalSteps"/>:
    /// (step + 1) / W during the first W = <paramref name="warmupSteps"/> steps, then 0.5 (1 + cos(pi t)) with t = (step - W) / (total - W).
    /// </summary>
    public static double Factor(long step, long totalSteps, long warmupSteps)
    {
        if (totalSteps < 1) throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "totalSteps must be >= 1.");
        if (warmupSteps < 0 || warmupSteps > totalSteps) throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, $"warmupSteps must be in [0, {totalSteps}].");
        if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, "step must be >= 0.");
        if (step < warmupSteps) return (step + 1.0) / warmupSteps;
        if (totalSteps == warmupSteps) return 1.0;
        double t = Math.Min(1.0, (double)(step - warmupSteps) / (totalSteps - warmupSteps));
        return 0.5 * (1 + Math.Cos(Math.PI * t));
    }
}
