using Spectre.Console;

namespace FnfDsl.Pipeline.Progress;

/// <summary>Chooses the progress display for the process console.</summary>
public static class ConsoleProgressDisplay
{
    /// <summary>Live bars when stdout is an interactive terminal, one line per epoch when it is redirected (CI, pipes, files).</summary>
    public static IProgressDisplay Create() =>
        !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive
            ? new SpectreProgressDisplay(AnsiConsole.Console)
            : new LineProgressDisplay(Console.Out);
}
