using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Inputs;
using FnfDsl.Testing.Analyses;

namespace FnfDsl.Pipeline.Tests.Report;

/// <summary>Run configurations of the tests that need no real inputs: the toy declaration and an empty manifest beside the run folder.</summary>
internal static class TestConfigs
{
    /// <summary>A quick configuration of <see cref="ToyDeclaration"/> in <paramref name="outDir"/>, with an empty manifest written next to it.</summary>
    public static RunConfig Default(string outDir)
    {
        string inputs = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outDir))!, "inputs-" + Path.GetFileName(Path.GetFullPath(outDir)), InputManifest.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(inputs)!);
        if (!File.Exists(inputs)) new InputManifest(new Dictionary<string, FlavourInputs>(), [], []).Write(inputs);
        return RunConfig.Default(ToyDeclaration.Spec, outDir, inputs);
    }
}
