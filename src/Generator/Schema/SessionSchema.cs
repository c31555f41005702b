using System;
using System.Collections.Generic;
using System.Text;
using TypedSession.Generator.Model;

namespace TypedSession.Generator.Schema;

/// <summary>
/// The stored keys and encodings of a project's <c>[Session]</c> classes, as the shipped-schema file lists them
/// (<see cref="SessionSchemaFile"/>). The text is line-based and deterministic: classes and keys in ordinal order,
/// one key per line, so that a change to one key is a one-line diff. See docs/schema.md for the format.
/// </summary>
/// <param name="Classes">The classes, ordered by name.</param>
internal sealed record SessionSchema(EquatableArray<SessionSchemaClass> Classes)
{
    /// <summary>The first lines of every written file.</summary>
    public const string Header =
        "# TypedSession shipped session schema: the keys live sessions hold and how their values are encoded.\n" +
        "# Update it when you release (docs/schema.md): dotnet format analyzers --diagnostics SESS042 --severity info\n";

    /// <summary>The schema of <paramref name="classes"/>, sorted as the file lists them.</summary>
    public static SessionSchema Create(IEnumerable<SessionSchemaClass> classes)
    {
        var sorted = new List<SessionSchemaClass>();
        foreach (var schemaClass in classes)
        {
            var keys = new List<SchemaKey>(schemaClass.Keys);
            keys.Sort(static (left, right) => string.CompareOrdinal(left.Key, right.Key));
            sorted.Add(schemaClass with { Keys = new EquatableArray<SchemaKey>(keys) });
        }
        sorted.Sort(static (left, right) => string.CompareOrdinal(left.ClassName, right.ClassName));
        return new SessionSchema(new EquatableArray<SessionSchemaClass>(sorted));
    }

    /// <summary>The class's entry, or null.</summary>
    public SessionSchemaClass? Find(string className)
    {
        foreach (var schemaClass in Classes)
        {
            if (schemaClass.ClassName == className)
            {
                return schemaClass;
            }
        }
        return null;
    }

    /// <summary>The file's text: the header, then per class a <c>[Name]</c> line and one <c>key: encoding</c> line per key.</summary>
    public string Write()
    {
        var text = new StringBuilder(Header);
        foreach (var schemaClass in Classes)
        {
            text.Append('\n').Append('[').Append(schemaClass.ClassName).Append("]\n");
            foreach (var entry in schemaClass.Keys)
            {
                text.Append(WriteKey(entry.Key)).Append(": ").Append(entry.Encoding).Append('\n');
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// Reads a schema file. Blank lines and lines starting with <c>#</c> are skipped, and so is any line that is not a
    /// class header or a well-formed key line (a hand edit the reader does not understand never stops a build).
    /// </summary>
    public static SessionSchema Parse(string text)
    {
        var classes = new List<SessionSchemaClass>();
        string? className = null;
        var classLine = -1;
        var keys = new List<SchemaKey>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith("#", StringComparison.Ordinal))
            {
                continue;
            }
            if (line.StartsWith("[", StringComparison.Ordinal) && line.EndsWith("]", StringComparison.Ordinal))
            {
                if (className is not null)
                {
                    classes.Add(new SessionSchemaClass(className, new EquatableArray<SchemaKey>(keys), classLine));
                }
                className = line.Substring(1, line.Length - 2).Trim();
                classLine = i;
                keys = new List<SchemaKey>();
                continue;
            }
            if (className is not null && ReadKeyLine(line) is { } entry)
            {
                keys.Add(entry);
            }
        }
        if (className is not null)
        {
            classes.Add(new SessionSchemaClass(className, new EquatableArray<SchemaKey>(keys), classLine));
        }
        return new SessionSchema(new EquatableArray<SessionSchemaClass>(classes));
    }

    private static SchemaKey? ReadKeyLine(string line)
    {
        string key;
        string rest;
        if (line.StartsWith("\"", StringComparison.Ordinal))
        {
            if (ReadQuoted(line, out key, out var end) is false || !line.Substring(end).StartsWith(": ", StringComparison.Ordinal))
            {
                return null;
            }
            rest = line.Substring(end + 2);
        }
        else
        {
            var separator = line.IndexOf(": ", StringComparison.Ordinal);
            if (separator < 0)
            {
                return null;
            }
            key = line.Substring(0, separator);
            rest = line.Substring(separator + 2);
        }
        return KeyEncoding.Parse(rest) is { } encoding ? new SchemaKey(key, encoding) : null;
    }

    // Plain unless the key could be misread: then a quoted string with \\, \" and \uXXXX escapes.
    private static string WriteKey(string key)
    {
        if (!NeedsQuotes(key))
        {
            return key;
        }
        var text = new StringBuilder("\"");
        foreach (var c in key)
        {
            if (c == '"' || c == '\\')
            {
                text.Append('\\').Append(c);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                text.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }
        return text.Append('"').ToString();
    }

    private static bool NeedsQuotes(string key)
    {
        if (key.Length == 0 || key.Trim().Length != key.Length || key.IndexOf(": ", StringComparison.Ordinal) >= 0)
        {
            return true;
        }
        if (key[0] is '"' or '#' or '[' || key[key.Length - 1] == ':')
        {
            return true;
        }
        foreach (var c in key)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                return true;
            }
        }
        return false;
    }

    private static bool ReadQuoted(string line, out string value, out int end)
    {
        var text = new StringBuilder();
        for (var i = 1; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"')
            {
                value = text.ToString();
                end = i + 1;
                return true;
            }
            if (c != '\\')
            {
                text.Append(c);
                continue;
            }
            if (i + 1 < line.Length && line[i + 1] is '"' or '\\')
            {
                text.Append(line[++i]);
            }
            else if (i + 5 < line.Length && line[i + 1] == 'u'
                && int.TryParse(line.Substring(i + 2, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code))
            {
                text.Append((char)code);
                i += 5;
            }
            else
            {
                break;
            }
        }
        value = string.Empty;
        end = -1;
        return false;
    }
}
