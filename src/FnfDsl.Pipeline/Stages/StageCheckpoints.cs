using FnfDsl.Pipeline.Output;

namespace FnfDsl.Pipeline.Stages;

/// <summary>
/// Checkpoint files of a stage's long trainings in the models folder, named by a prefix and a hash of what the training
/// depends on, so that only an interrupted run of the same training resumes from them.
/// </summary>
public static class StageCheckpoints
{
    /// <summary>The checkpoint path for <paramref name="key"/> (any object; its content hash names the file).</summary>
    public static string PathFor(StageContext context, string prefix, object key)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.PathOf($"{ModelFile.Folder}/{prefix}{ContentHash.Of(key)[..16]}.pt");
    }

    /// <summary>Deletes the files of <paramref name="prefix"/> that belong to none of <paramref name="keep"/> (left by other settings).</summary>
    public static void DeleteStale(StageContext context, string prefix, params string[] keep)
    {
        foreach (string file in Files(context, prefix).Where(f => !keep.Any(k => f.StartsWith(k, StringComparison.Ordinal)))) File.Delete(file);
    }

    /// <summary>Deletes every file of <paramref name="prefix"/> (the stage has finished).</summary>
    public static void DeleteAll(StageContext context, string prefix)
    {
        foreach (string file in Files(context, prefix)) File.Delete(file);
    }

    private static List<string> Files(StageContext context, string prefix)
    {
        string folder = context.PathOf(ModelFile.Folder);
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, prefix + "*").ToList() : [];
    }
}
