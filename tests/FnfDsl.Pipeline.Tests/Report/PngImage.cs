using System.Buffers.Binary;

namespace FnfDsl.Pipeline.Tests.Report;

/// <summary>Reads the facts a test checks of a PNG file: its signature and the IHDR width and height.</summary>
internal static class PngImage
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Width and height from the IHDR chunk; throws if the file is not a PNG.</summary>
    public static (int Width, int Height) Size(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 33, $"{path} has only {bytes.Length} bytes.");
        Assert.Equal(Signature, bytes[..8]);
        // The first chunk must be IHDR: 4-byte length (13), the type, then width and height as big-endian integers.
        Assert.Equal(13, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8, 4)));
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }

    /// <summary>Asserts a valid PNG of the given size and more than <paramref name="minimumBytes"/> bytes (a blank image compresses far below that).</summary>
    public static void AssertValid(string path, int width, int height, int minimumBytes = 20_000)
    {
        Assert.True(File.Exists(path), $"{path} was not written.");
        Assert.Equal((width, height), Size(path));
        long length = new FileInfo(path).Length;
        Assert.True(length > minimumBytes, $"{path} has only {length} bytes; expected a drawn figure above {minimumBytes}.");
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }
}
