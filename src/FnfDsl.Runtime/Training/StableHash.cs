namespace FnfDsl.Training;

/// <summary>
/// A hash of a name that is the same in every process (FNV-1a over its UTF-16 code units). string.GetHashCode is
/// randomised per process, so seeds derived from it made trainings differ from run to run.
/// </summary>
public static class StableHash
{
    /// <summary>The 64-bit FNV-1a hash of <paramref name="text"/>.</summary>
    public static ulong Of(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text) hash = (hash ^ c) * 1099511628211UL;
        return hash;
    }
}
