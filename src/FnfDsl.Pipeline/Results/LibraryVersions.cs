using System.Reflection;
using System.Runtime.InteropServices;

namespace FnfDsl.Pipeline.Results;

/// <summary>Versions of the software a run used, for reproducibility.</summary>
/// <param name="FnfDslRuntime">FnfDsl.Runtime assembly version.</param>
/// <param name="TorchSharp">TorchSharp assembly version.</param>
/// <param name="ScottPlot">ScottPlot assembly version.</param>
/// <param name="DotNet">.NET runtime description.</param>
public sealed record LibraryVersions(string FnfDslRuntime, string TorchSharp, string ScottPlot, string DotNet)
{
    /// <summary>The versions loaded in this process.</summary>
    public static LibraryVersions Current() => new(
        VersionOf(typeof(FnfDsl.Profiling.Interval).Assembly),
        VersionOf(typeof(TorchSharp.torch).Assembly),
        VersionOf(typeof(ScottPlot.Plot).Assembly),
        RuntimeInformation.FrameworkDescription);

    /// <summary>The informational version (without a "+commit" suffix), else the assembly version.</summary>
    private static string VersionOf(Assembly assembly)
    {
        string? informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (!string.IsNullOrEmpty(informational)) return informational.Split('+')[0];
        return assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
