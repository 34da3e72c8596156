namespace FnfDsl.Pipeline.Plots;

/// <summary>Validation of plot inputs before any drawing, with errors that name the array and the index.</summary>
public static class PlotInput
{
    /// <summary>Throws unless <paramref name="values"/> has exactly <paramref name="length"/> entries.</summary>
    public static void RequireLength<T>(string name, IReadOnlyCollection<T> values, int length)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count != length) throw new ArgumentException($"{name} has {values.Count} values, expected {length}.", name);
    }

    /// <summary>Throws at the first NaN or infinite value of <paramref name="values"/>.</summary>
    public static void RequireFinite(string name, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i])) throw new ArgumentException($"{name}[{i}] is {values[i]}, expected a finite number.", name);
    }

    /// <summary>Throws unless <paramref name="values"/> is finite and strictly increasing with at least <paramref name="minimum"/> entries.</summary>
    public static void RequireIncreasing(string name, IReadOnlyList<double> values, int minimum = 2)
    {
        RequireFinite(name, values);
        if (values.Count < minimum) throw new ArgumentException($"{name} has {values.Count} values, expected at least {minimum}.", name);
        for (int i = 1; i < values.Count; i++)
            if (values[i] <= values[i - 1]) throw new ArgumentException($"{name} must increase strictly, but [{i - 1}] = {values[i - 1]} and [{i}] = {values[i]}.", name);
    }

    /// <summary>Throws if <paramref name="values"/> is empty.</summary>
    public static void RequireNonEmpty<T>(string name, IReadOnlyCollection<T> values)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count == 0) throw new ArgumentException($"{name} is empty.", name);
    }
}
