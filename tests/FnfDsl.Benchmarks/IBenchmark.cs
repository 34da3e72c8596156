namespace FnfDsl.Benchmarks;

/// <summary>A benchmark that prints its measured figures as name=value lines.</summary>
public interface IBenchmark
{
    /// <summary>One line saying what is measured.</summary>
    string Description { get; }

    /// <summary>Runs the benchmark with the remaining command-line arguments; returns the process exit code.</summary>
    int Run(string[] args);
}
