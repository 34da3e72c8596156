namespace FnfDsl.Pipeline.Stages;

/// <summary>Artifact paths: relative to the run folder, '/'-separated, never escaping it.</summary>
public static class ArtifactPath
{
    /// <summary>The full path of <paramref name="relativePath"/> inside <paramref name="outDir"/>; rejects rooted paths and "..".</summary>
    public static string Resolve(string outDir, string relativePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(outDir);
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        if (Path.IsPathRooted(relativePath) || relativePath.Split('/', '\\').Contains(".."))
            throw new ArgumentException($"Artifact path '{relativePath}' must be relative to the run folder and stay inside it.", nameof(relativePath));
        return Path.GetFullPath(Path.Combine(outDir, relativePath.Replace('/', Path.DirectorySeparatorChar)));
    }
}
