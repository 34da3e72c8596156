namespace FnfDsl.Pipeline.Inputs;

/// <summary>A run's inputs do not match the declaration: every problem found, reported together before any training.</summary>
public sealed class InputValidationException : Exception
{
    /// <summary>The problems of the manifest <paramref name="manifest"/>.</summary>
    public InputValidationException(string manifest, IReadOnlyList<InputProblem> problems)
        : base($"{manifest}: {problems.Count} input problem{(problems.Count == 1 ? "" : "s")}:" + Environment.NewLine +
               string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        Manifest = manifest;
        Problems = problems;
    }

    /// <summary>The manifest's path.</summary>
    public string Manifest { get; }

    /// <summary>Every problem, in the order of the manifest.</summary>
    public IReadOnlyList<InputProblem> Problems { get; }
}
