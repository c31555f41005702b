using System.Text;

namespace TypedSession.Generator.Emitter;

/// <summary>
/// Writes generated C# line by line with four-space indentation, so that the output reads like hand-written code in
/// the debugger. Cheaper and more predictable than building syntax trees and normalizing their whitespace.
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _indentation;

    /// <summary>Writes <paramref name="text"/> on its own line at the current indentation.</summary>
    public void WriteLine(string text)
    {
        for (var i = 0; i < _indentation; i++)
        {
            _builder.Append(IndentUnit);
        }
        _builder.Append(text).Append('\n');
    }

    /// <summary>Writes an empty line.</summary>
    public void WriteLine() => _builder.Append('\n');

    /// <summary>Writes <c>{</c> and indents what follows.</summary>
    public void OpenBlock()
    {
        WriteLine("{");
        _indentation++;
    }

    /// <summary>Unindents and writes <c>}</c> followed by <paramref name="suffix"/>.</summary>
    public void CloseBlock(string suffix = "")
    {
        _indentation--;
        WriteLine("}" + suffix);
    }

    /// <inheritdoc />
    public override string ToString() => _builder.ToString();
}
