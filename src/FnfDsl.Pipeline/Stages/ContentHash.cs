using System.Security.Cryptography;
using System.Text;
using FnfDsl.Pipeline.Output;

namespace FnfDsl.Pipeline.Stages;

/// <summary>SHA-256 hashes (lowercase hex) of settings and of artifact files, for deciding reruns.</summary>
public static class ContentHash
{
    /// <summary>Hash of the canonical JSON of <paramref name="value"/> (declaration-ordered properties, sorted dictionaries).</summary>
    public static string Of(object value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ArtifactJson.Serialize(value))));

    /// <summary>Hash of the names and contents of <paramref name="relativePaths"/> under <paramref name="outDir"/>, in the given order.</summary>
    public static string OfFiles(string outDir, IEnumerable<string> relativePaths)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        foreach (string relative in relativePaths)
        {
            // The name and the length frame each file, so that moving bytes between files changes the hash.
            var file = new FileInfo(ArtifactPath.Resolve(outDir, relative));
            hash.AppendData(Encoding.UTF8.GetBytes($"{relative}\n{file.Length}\n"));
            using var stream = file.OpenRead();
            int read;
            while ((read = stream.Read(buffer)) > 0) hash.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
