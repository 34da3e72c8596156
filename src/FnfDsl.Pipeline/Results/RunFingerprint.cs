using FnfDsl.Pipeline.Configuration;
using FnfDsl.Pipeline.Stages;

namespace FnfDsl.Pipeline.Results;

/// <summary>The fingerprint of a run configuration: equal fingerprints mean equal analysis, settings, seed, inputs and options.</summary>
public static class RunFingerprint
{
    /// <summary>SHA-256 (hex) of the configuration without its output folder and --force flag.</summary>
    public static string Of(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ContentHash.Of(new { Analysis = config.Analysis.Fingerprint, config.Settings, config.Seed, config.InputsPath, config.Options });
    }
}
