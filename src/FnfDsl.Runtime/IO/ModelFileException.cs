namespace FnfDsl.IO;

/// <summary>A saved model that cannot be written or loaded, or that does not match the model being loaded; the message names the file.</summary>
public sealed class ModelFileException : Exception
{
    /// <summary>An error about the model file <paramref name="file"/>.</summary>
    public ModelFileException(string file, string detail, Exception? inner = null)
        : base($"{file}: {detail}", inner)
    {
        File = file;
    }

    /// <summary>The weights or metadata file in question.</summary>
    public string File { get; }
}
