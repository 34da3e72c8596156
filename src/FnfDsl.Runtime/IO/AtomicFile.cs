using System.Security.Cryptography;

namespace FnfDsl.IO;

/// <summary>Writes a file of any content atomically (temp file in the same folder, then a rename) and hashes files.</summary>
public static class AtomicFile
{
    /// <summary>Lets <paramref name="write"/> fill a temp file, then renames it over <paramref name="path"/>; returns the SHA-256 of what was written.</summary>
    public static string Write(string path, Action<string> write)
    {
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            write(temp);
            string hash = Sha256(temp);
            File.Move(temp, full, overwrite: true);
            return hash;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>SHA-256 of a file's bytes, upper-case hex.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
