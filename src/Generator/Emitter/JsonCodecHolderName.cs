using System.Globalization;
using System.Text;

namespace TypedSession.Generator.Emitter;

/// <summary>
/// Names the holder of one (value type, JSON context) pair in the compilation's shared JSON file: the type's short
/// name for the reader (<c>List_Item</c>) and a hash of both fully qualified names for uniqueness. A function of the
/// pair alone, so that each session class's file can name the holder without knowing the other classes: an edit to
/// one class never renames the holders another class's file uses, and that file is not emitted again.
/// </summary>
internal static class JsonCodecHolderName
{
    /// <summary>The holder's name for <paramref name="typeName"/> through <paramref name="contextTypeName"/> (both fully qualified).</summary>
    public static string For(string typeName, string contextTypeName) =>
        ShortName(typeName) + "_" + Fnv1a(contextTypeName + "|" + typeName).ToString("X8", CultureInfo.InvariantCulture);

    // global::System.Collections.Generic.List<global::Shop.Item> -> List_Item; int[] -> intArray.
    private static string ShortName(string typeName)
    {
        var name = new StringBuilder();
        var segment = new StringBuilder();
        foreach (var c in typeName.Replace("global::", string.Empty).Replace("[]", "Array"))
        {
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                segment.Append(c);
                continue;
            }
            if (c == '.')
            {
                // Only the last segment of a qualified name is kept.
                segment.Clear();
                continue;
            }
            Flush(name, segment);
        }
        Flush(name, segment);
        return name.Length == 0 ? "Value" : name.ToString();
    }

    private static void Flush(StringBuilder name, StringBuilder segment)
    {
        if (segment.Length == 0)
        {
            return;
        }
        if (name.Length > 0)
        {
            name.Append('_');
        }
        name.Append(segment);
        segment.Clear();
    }

    // FNV-1a: stable across processes and platforms, unlike string.GetHashCode.
    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }
        return hash;
    }
}
