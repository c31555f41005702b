using System;
using System.Collections.Generic;

namespace TypedSession.Generator.Schema;

/// <summary>
/// Decides whether code that reads a key with one encoding understands the bytes another encoding wrote: the rules of
/// docs/schema.md, in one place for the analyzer (SESS040, SESS042) and for the generator (which reads a widened
/// integer without user code).
/// </summary>
internal static class EncodingCompatibility
{
    private const string ReadsDefault = "the property's default (a warning is logged on each read) until the key is written again";

    // The integer codecs in widening order, and the single-to-double widening; each reads as a wider one without loss.
    private static readonly string[] IntegerWidening = { "Byte", "Int16", "Int32", "Int64" };

    // The value ranges of JSON number kinds: a member reads an old number when its range holds the old one's.
    private static readonly Dictionary<string, (decimal Min, decimal Max, bool Integer)> NumberKinds = new(StringComparer.Ordinal)
    {
        ["Byte"] = (byte.MinValue, byte.MaxValue, true),
        ["SByte"] = (sbyte.MinValue, sbyte.MaxValue, true),
        ["Int16"] = (short.MinValue, short.MaxValue, true),
        ["UInt16"] = (ushort.MinValue, ushort.MaxValue, true),
        ["Int32"] = (int.MinValue, int.MaxValue, true),
        ["UInt32"] = (uint.MinValue, uint.MaxValue, true),
        ["Int64"] = (long.MinValue, long.MaxValue, true),
        ["UInt64"] = (ulong.MinValue, ulong.MaxValue, true),
        ["Single"] = (decimal.MinValue, decimal.MaxValue, false),
        ["Double"] = (decimal.MinValue, decimal.MaxValue, false),
        ["Decimal"] = (decimal.MinValue, decimal.MaxValue, false),
    };

    // Kinds System.Text.Json writes as JSON strings: a String member reads any of them.
    private static readonly HashSet<string> StringKinds = new(StringComparer.Ordinal)
    {
        "String", "Char", "Guid", "DateTime", "DateTimeOffset", "DateOnly", "TimeOnly", "TimeSpan",
    };

    /// <summary>
    /// The verdict on a key shipped as <paramref name="shipped"/> and now encoded as <paramref name="current"/>;
    /// <paramref name="migratedFrom"/> is the encoding a declared migration method reads, if any.
    /// </summary>
    public static EncodingComparison Compare(KeyEncoding shipped, KeyEncoding current, KeyEncoding? migratedFrom)
    {
        if (shipped == current)
        {
            return EncodingComparison.Unchanged;
        }
        if (shipped.SameBytesAs(current) || IsWideningRead(shipped, current))
        {
            return EncodingComparison.Compatible;
        }
        if (migratedFrom is not null && migratedFrom.Form != EncodingForm.Json && shipped.SameBytesAs(migratedFrom))
        {
            return EncodingComparison.Compatible;
        }
        if (shipped.Form == EncodingForm.Json && current.Form == EncodingForm.Json)
        {
            return CompareJson(shipped, current);
        }
        if (shipped.Form == EncodingForm.Enum && current.Form == EncodingForm.Enum)
        {
            return EncodingComparison.Breaking($"the enum's underlying type changed, so its {shipped.Name} bytes do not decode as {current.Name}: live sessions read {ReadsDefault}");
        }
        // A string decodes any valid UTF-8 and a byte[] any bytes: the old bytes then read as something else.
        var reads = current.Form != EncodingForm.Codec ? ReadsDefault
            : current.Name == "String" ? "the old bytes as text, garbled, until the key is written again"
            : current.Name == "ByteArray" ? "the old bytes themselves"
            : ReadsDefault;
        return EncodingComparison.Breaking($"{Describe(shipped)} bytes do not decode as {Describe(current)}: live sessions read {reads}");
    }

    /// <summary>
    /// True when the generated code reads <paramref name="shipped"/>'s bytes with <paramref name="current"/>'s codec's
    /// wider type by itself: an integer codec widened (<c>Int32</c> to <c>Int64</c>) or <c>Single</c> to <c>Double</c>,
    /// neither of them an enum.
    /// </summary>
    public static bool IsWideningRead(KeyEncoding shipped, KeyEncoding current)
    {
        if (shipped.Form != EncodingForm.Codec || current.Form != EncodingForm.Codec || shipped.Name == current.Name)
        {
            return false;
        }
        if (shipped.Name == "Single" && current.Name == "Double")
        {
            return true;
        }
        var from = Array.IndexOf(IntegerWidening, shipped.Name);
        var to = Array.IndexOf(IntegerWidening, current.Name);
        return from >= 0 && to > from;
    }

    private static EncodingComparison CompareJson(KeyEncoding shipped, KeyEncoding current)
    {
        if (shipped.Members is not { } oldMembers || current.Members is not { } newMembers)
        {
            return shipped.Name == current.Name
                ? EncodingComparison.Compatible
                : EncodingComparison.Breaking($"the JSON of '{shipped.Name}' is now read as '{current.Name}', whose members TypedSession cannot compare: live sessions may read {ReadsDefault}");
        }

        var problems = new List<string>();
        var byName = new Dictionary<string, JsonMemberEncoding>(StringComparer.Ordinal);
        foreach (var member in newMembers)
        {
            byName[member.Name] = member;
        }
        foreach (var old in oldMembers)
        {
            if (!byName.TryGetValue(old.Name, out var member))
            {
                problems.Add($"the member '{old.Name}' was removed, so live sessions read the object without it and its stored value is lost on the next write");
            }
            else if (!MemberReads(old, member))
            {
                problems.Add($"the member '{old.Name}' changed from {old.Kind}{Nullable(old)} to {member.Kind}{Nullable(member)}, so live sessions read {ReadsDefault}");
            }
            byName.Remove(old.Name);
        }
        foreach (var member in newMembers)
        {
            if (byName.ContainsKey(member.Name) && !member.IsNullable)
            {
                problems.Add($"the member '{member.Name}' was added without '?', so live sessions, whose JSON lacks it, read it as its default");
            }
        }
        return problems.Count == 0 ? EncodingComparison.Compatible : EncodingComparison.Breaking(string.Join("; ", problems));
    }

    private static bool MemberReads(JsonMemberEncoding old, JsonMemberEncoding current)
    {
        // A null stored for a member that can no longer hold one fails the read (System.Text.Json throws for value types).
        if (old.IsNullable && !current.IsNullable && current.Kind != "String")
        {
            return false;
        }
        if (old.Kind == current.Kind)
        {
            return true;
        }
        if (current.Kind == "String")
        {
            return StringKinds.Contains(old.Kind);
        }
        if (NumberKinds.TryGetValue(old.Kind, out var from) && NumberKinds.TryGetValue(current.Kind, out var to))
        {
            return to.Integer ? from.Integer && to.Min <= from.Min && from.Max <= to.Max : true;
        }
        return false;
    }

    private static string Nullable(JsonMemberEncoding member) => member.IsNullable ? "?" : string.Empty;

    private static string Describe(KeyEncoding encoding) => encoding.Form switch
    {
        EncodingForm.Json => $"JSON of '{encoding.Name}'",
        EncodingForm.Enum => $"enum ({encoding.Name})",
        _ => encoding.Name,
    };
}
