using System.Security.Cryptography;
using System.Text.Json;
using static TorchSharp.torch;

namespace FnfDsl.IO;

/// <summary>Saves and loads trained modules with a JSON metadata file, atomically and with clear mismatch errors.</summary>
/// <remarks>
/// Files: the weights at <c>path</c> (TorchSharp's own format, <c>module.save</c>) and the metadata at <c>path + ".json"</c>.
/// Saving writes both to temporary files in the same folder, then renames the weights first and the metadata last,
/// so a reader never finds metadata describing weights that are not there; if anything fails, the temporary files
/// are removed and an older model at the same path is restored untouched.
/// </remarks>
public static class ModelStore
{
    /// <summary>The metadata file of the weights at <paramref name="path"/>.</summary>
    public static string MetadataPath(string path) => path + ".json";

    /// <summary>Saves <paramref name="module"/>'s parameters and buffers to <paramref name="path"/> with its metadata; returns the metadata written.</summary>
    /// <remarks>Kind, Architecture and Fingerprint come from <paramref name="metadata"/>; LibraryVersion, ContentHash and CreatedUtc are filled in here.</remarks>
    public static ModelMetadata Save(nn.Module module, string path, ModelMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(metadata);
        string weightsPath = Path.GetFullPath(path);
        string metadataPath = MetadataPath(weightsPath);
        string folder = Path.GetDirectoryName(weightsPath)!;
        if (!Directory.Exists(folder)) throw new ModelFileException(path, $"cannot save: the folder {folder} does not exist");

        string weightsTemp = TempPathFor(weightsPath);
        string metadataTemp = TempPathFor(metadataPath);
        string? backup = null;
        bool weightsInPlace = false;
        try
        {
            byte[] weights = Serialize(module);
            var written = metadata with
            {
                LibraryVersion = ModelMetadata.CurrentLibraryVersion,
                ContentHash = Sha256Hex(weights),
                CreatedUtc = DateTime.UtcNow,
            };
            WriteDurably(weightsTemp, weights);
            WriteDurably(metadataTemp, ModelMetadataJson.Serialize(written));

            if (File.Exists(weightsPath))
            {
                backup = TempPathFor(weightsPath);
                File.Replace(weightsTemp, weightsPath, backup); // atomic swap; the old weights stay reachable as the backup
            }
            else
            {
                File.Move(weightsTemp, weightsPath);
            }
            weightsInPlace = true;
            File.Move(metadataTemp, metadataPath, overwrite: true);
            TryDelete(backup);
            return written;
        }
        catch (Exception e)
        {
            if (weightsInPlace)
            {
                // The metadata could not be put in place: put the previous weights (or none) back.
                if (backup is not null) File.Move(backup, weightsPath, overwrite: true);
                else TryDelete(weightsPath);
            }
            TryDelete(weightsTemp);
            TryDelete(metadataTemp);
            TryDelete(backup);
            if (e is ModelFileException) throw;
            throw new ModelFileException(path, $"cannot save the model: {e.Message}", e);
        }
    }

    /// <summary>Loads the weights at <paramref name="path"/> into <paramref name="module"/> after checking them against <paramref name="expected"/>; returns the stored metadata.</summary>
    /// <remarks>
    /// Checks, in order: metadata present and valid, weights present, Kind, every Architecture entry, Fingerprint
    /// (when <paramref name="expected"/> has one), every Sizes entry, content hash; then loads with strict name, shape and dtype checks.
    /// Every failure is a <see cref="ModelFileException"/> naming the file.
    /// </remarks>
    public static ModelMetadata Load(nn.Module module, string path, ModelMetadata expected)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(expected);
        string metadataPath = MetadataPath(path);
        if (!File.Exists(metadataPath))
            throw new ModelFileException(path, $"the metadata file {Path.GetFileName(metadataPath)} is missing");
        var stored = ModelMetadataJson.Read(metadataPath);
        if (!File.Exists(path)) throw new ModelFileException(path, "the weights file is missing");

        if (stored.Kind != expected.Kind)
            throw new ModelFileException(path, $"kind mismatch: the file holds a {stored.Kind} but a {expected.Kind} is being loaded");
        CheckEntries(path, "architecture mismatch", stored.Architecture, expected.Architecture);
        if (expected.Fingerprint is not null && stored.Fingerprint != expected.Fingerprint)
            throw new ModelFileException(path,
                $"trained for another declaration: fingerprint {stored.Fingerprint ?? "(none)"} in the file, {expected.Fingerprint} expected");
        CheckEntries(path, "trained at other run sizes", stored.Sizes, expected.Sizes);

        byte[] weights = File.ReadAllBytes(path);
        string actualHash = Sha256Hex(weights);
        if (!string.Equals(actualHash, stored.ContentHash, StringComparison.OrdinalIgnoreCase))
            throw new ModelFileException(path,
                $"corrupted: the weights' SHA-256 is {actualHash} but the metadata records {stored.ContentHash ?? "(none)"}");

        try
        {
            using var stream = new MemoryStream(weights, writable: false);
            module.load(stream, strict: true);
        }
        catch (Exception e)
        {
            throw new ModelFileException(path, $"cannot load the weights into the module: {e.Message}", e);
        }
        return stored;
    }

    /// <summary>Reads the metadata stored beside the weights at <paramref name="path"/>, without loading anything.</summary>
    public static ModelMetadata ReadMetadata(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string metadataPath = MetadataPath(path);
        if (!File.Exists(metadataPath))
            throw new ModelFileException(path, $"the metadata file {Path.GetFileName(metadataPath)} is missing");
        return ModelMetadataJson.Read(metadataPath);
    }

    private static void CheckEntries(string path, string what, IReadOnlyDictionary<string, string> inFile, IReadOnlyDictionary<string, string> expected)
    {
        foreach (string key in inFile.Keys.Union(expected.Keys).Order(StringComparer.Ordinal))
        {
            string fileValue = inFile.TryGetValue(key, out var f) ? f : "absent";
            string modelValue = expected.TryGetValue(key, out var m) ? m : "absent";
            if (fileValue != modelValue)
                throw new ModelFileException(path,
                    $"{what}: {key} is {fileValue} in the file but {modelValue} in the model being loaded");
        }
    }

    private static byte[] Serialize(nn.Module module)
    {
        using var buffer = new MemoryStream();
        module.save(buffer);
        return buffer.ToArray();
    }

    private static void WriteDurably(string path, byte[] bytes)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    private static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string TempPathFor(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");

    private static void TryDelete(string? path)
    {
        if (path is null) return;
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original failure is the error worth reporting.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
