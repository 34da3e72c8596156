using ToyFnf.Configuration;
using ToyFnf.Stages;

namespace ToyFnf.Results;

/// <summary>The fingerprint of a run configuration: equal fingerprints mean equal settings, seed, injection and data folder.</summary>
public static class RunFingerprint
{
    /// <summary>SHA-256 (hex) of the configuration without its output folder and --force flag.</summary>
    public static string Of(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ContentHash.Of(new { config.Settings, config.Seed, config.Injected, config.DataDir });
    }
}
