namespace FnfDsl.IO;

/// <summary>Writes a text file atomically: a temp file in the same folder, then a rename over the target.</summary>
public static class AtomicText
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>; on failure the previous file is untouched and no temp file remains.</summary>
    public static void Write(string path, string text)
    {
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, text);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
