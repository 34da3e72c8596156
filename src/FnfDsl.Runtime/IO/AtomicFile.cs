using System.Security.Cryptography;

namespace FnfDsl.IO;

/// <summary>
/// Writes files atomically: a temp file in the same folder, flushed to disk, then a rename over the target, so that on
/// failure (or a crash) the previous file is untouched and no temp file remains. Also hashes files. The one atomic writer
/// of the product: models, checkpoints, tables, manifests and every pipeline artifact go through it.
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
            // Flushed before the rename: a crash after it must not leave a renamed but empty file.
            using (var flush = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite)) flush.Flush(flushToDisk: true);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Writes <paramref name="path"/> atomically by letting <paramref name="write"/> fill a stream to the temp file.</summary>
    public static void WriteStream(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Write(path, temp =>
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            write(stream);
        });
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
    public static void WriteAllText(string path, string text) =>
        Write(path, temp => File.WriteAllText(temp, text, new System.Text.UTF8Encoding(false)));

    /// <summary>SHA-256 of a file's bytes, upper-case hex.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
