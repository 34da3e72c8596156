using System.Diagnostics;
using System.Text;

namespace FnfDsl.Package.Tests;

/// <summary>What a <c>dotnet</c> command did: its exit code, its output and how long it took.</summary>
internal sealed record CommandResult(string Command, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    /// <summary>The command and everything it printed, for assertion messages.</summary>
    public override string ToString() => $"`{Command}` exited with {ExitCode} after {Elapsed.TotalSeconds:F1} s\n{Stdout}\n{Stderr}";
}

/// <summary>Runs the <c>dotnet</c> that runs these tests, as a child process with a deadline.</summary>
internal static class Dotnet
{
    // `dotnet test` tells its test hosts which dotnet it is; outside it, the one on PATH.
    private static readonly string Host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    /// <summary>Runs <c>dotnet</c> with the arguments; environment entries with a null value are removed.</summary>
    public static CommandResult Run(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        // No build servers or MSBuild nodes that outlive the command (they would hold the temporary folders).
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool exited = process.WaitForExit(timeout);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        else
            process.WaitForExit(); // drains the redirected output
        clock.Stop();

        string command = "dotnet " + string.Join(' ', arguments);
        lock (stdout) lock (stderr)
        {
            if (!exited)
                stderr.AppendLine($"(killed: no exit within {timeout.TotalSeconds:F0} s)");
            return new CommandResult(command, exited ? process.ExitCode : -1, stdout.ToString(), stderr.ToString(), clock.Elapsed);
        }
    }
}
