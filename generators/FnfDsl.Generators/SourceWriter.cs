using System.Text;

namespace FnfDsl.Generators;

/// <summary>A minimal indenting writer for generated C# (four spaces per level, "\n" line ends on every platform).</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    /// <summary>Writes one line at the current indentation (an empty line has no indentation).</summary>
    public SourceWriter Line(string line = "")
    {
        if (line.Length > 0)
            _text.Append(' ', 4 * _depth).Append(line);
        _text.Append('\n');
        return this;
    }

    /// <summary>Writes the line, then "{", and indents.</summary>
    public SourceWriter Open(string line)
    {
        Line(line);
        Line("{");
        _depth++;
        return this;
    }

    /// <summary>Unindents and writes "}" followed by the given suffix (e.g. ";").</summary>
    public SourceWriter Close(string suffix = "")
    {
        _depth--;
        Line("}" + suffix);
        return this;
    }

    /// <summary>Runs the given writer with one more level of indentation.</summary>
    public SourceWriter Indented(System.Action<SourceWriter> write)
    {
        _depth++;
        write(this);
        _depth--;
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => _text.ToString();
}
