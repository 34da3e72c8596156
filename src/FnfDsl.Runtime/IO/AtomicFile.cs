using System.Security.Cryptography;

namespace FnfDsl.IO;

/// <summary>
/// Writes files atomically: a temp file in the same folder, then a rename over the target, so that on failure the previous
/// file is untouched and no temp file remains. Also hashes files.
/// </summary>
public static class AtomicFile
{
    /// <summary>Lets <paramref name="write"/> fill a temp file (its path is passed), then renames it over <paramref name="path"/>.</summary>
    public static void Write(string path, Action<string> write)
    {
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            write(temp);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>As <see cref="Write"/>, returning the SHA-256 of what was written.</summary>
    public static string WriteHashed(string path, Action<string> write)
    {
        string hash = "";
        Write(path, temp =>
        {
            write(temp);
            hash = Sha256(temp);
        });
        return hash;
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text) => Write(path, temp => File.WriteAllText(temp, text));

    /// <summary>SHA-256 of a file's bytes, upper-case hex.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
