using System;
using System.Collections.Generic;
using System.Text;
using TypedSession.Generator.Model;

namespace TypedSession.Generator.Schema;

/// <summary>
/// How the value under one session key is encoded: what a reader of the stored bytes must understand. Derived from
/// the generator's own <see cref="ValueAccessSpec"/> (never from symbols a second time), written to and read from the
/// shipped-schema file, and compared by <see cref="EncodingCompatibility"/>. A record of strings and equatable values.
/// </summary>
/// <param name="Form">Codec, enum or JSON.</param>
/// <param name="Name">The codec's name (<c>Int32</c>; for an enum, its underlying type's codec) or, for JSON, the type.</param>
/// <param name="IsNullable">The property may be null, which removes the key (same bytes otherwise).</param>
/// <param name="Members">For a JSON object with a generated codec, the members it writes, ordered by name; otherwise null.</param>
internal sealed record KeyEncoding(EncodingForm Form, string Name, bool IsNullable, EquatableArray<JsonMemberEncoding>? Members)
{
    private const string CodecNamespace = "global::TypedSession.Generated.";
    private const string EnumPrefix = "Enum(";
    private const string JsonPrefix = "Json(";

    /// <summary>The encoding of a property read and written through <paramref name="access"/>.</summary>
    /// <param name="access">The generator's access model of the property.</param>
    /// <param name="isNullable">The property's type is nullable (<c>int?</c>, <c>string?</c>).</param>
    public static KeyEncoding From(ValueAccessSpec access, bool isNullable)
    {
        if (access.Kind == ValueAccessKind.Json)
        {
            EquatableArray<JsonMemberEncoding>? members = null;
            if (access.JsonObject is { } shape)
            {
                var list = new List<JsonMemberEncoding>(shape.Members.Count);
                foreach (var member in shape.Members)
                {
                    list.Add(MemberEncoding(member));
                }
                list.Sort(static (left, right) => string.CompareOrdinal(left.Name, right.Name));
                members = new EquatableArray<JsonMemberEncoding>(list);
            }
            return new KeyEncoding(EncodingForm.Json, Unqualified(access.UnannotatedTypeName), isNullable, members);
        }
        var codec = CodecName(access.CodecTypeName ?? string.Empty);
        return new KeyEncoding(access.EnumTypeName is null ? EncodingForm.Codec : EncodingForm.Enum, codec, isNullable, null);
    }

    /// <summary>The codec name of a codec struct's full name: <c>Int32</c> for <c>global::TypedSession.Generated.Int32Codec</c>.</summary>
    public static string CodecName(string codecTypeName)
    {
        var name = codecTypeName.StartsWith(CodecNamespace, StringComparison.Ordinal) ? codecTypeName.Substring(CodecNamespace.Length) : codecTypeName;
        return name.EndsWith("Codec", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Codec".Length) : name;
    }

    /// <summary>The same bytes, whatever the nullability and whether an enum or its underlying type reads them.</summary>
    public bool SameBytesAs(KeyEncoding other) =>
        Form == EncodingForm.Json
            ? other.Form == EncodingForm.Json && Name == other.Name && Equals(Members, other.Members)
            : other.Form != EncodingForm.Json && Name == other.Name;

    /// <summary>
    /// The encoding as one line of the schema file: <c>Int32</c>, <c>Int64?</c>, <c>Enum(Int32)</c>,
    /// <c>Json(Shop.Cart) { Lines: Int32, Name: String? }</c>.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        switch (Form)
        {
            case EncodingForm.Codec:
                text.Append(Name);
                break;
            case EncodingForm.Enum:
                text.Append(EnumPrefix).Append(Name).Append(')');
                break;
            default:
                text.Append(JsonPrefix).Append(Name).Append(')');
                break;
        }
        if (IsNullable)
        {
            text.Append('?');
        }
        if (Members is { } members)
        {
            text.Append(" {");
            for (var i = 0; i < members.Count; i++)
            {
                text.Append(i == 0 ? " " : ", ").Append(members[i]);
            }
            text.Append(" }");
        }
        return text.ToString();
    }

    /// <summary>Reads what <see cref="ToString"/> writes; null when <paramref name="text"/> is not an encoding.</summary>
    public static KeyEncoding? Parse(string text)
    {
        text = text.Trim();
        if (text.StartsWith(JsonPrefix, StringComparison.Ordinal))
        {
            return ParseJson(text);
        }
        var isNullable = text.EndsWith("?", StringComparison.Ordinal);
        var body = isNullable ? text.Substring(0, text.Length - 1) : text;
        if (body.StartsWith(EnumPrefix, StringComparison.Ordinal) && body.EndsWith(")", StringComparison.Ordinal))
        {
            var underlying = body.Substring(EnumPrefix.Length, body.Length - EnumPrefix.Length - 1);
            return IsName(underlying) ? new KeyEncoding(EncodingForm.Enum, underlying, isNullable, null) : null;
        }
        return IsName(body) ? new KeyEncoding(EncodingForm.Codec, body, isNullable, null) : null;
    }

    private static KeyEncoding? ParseJson(string text)
    {
        // The type name may hold parentheses (tuples): find the one that closes "Json(".
        var depth = 0;
        var close = -1;
        for (var i = JsonPrefix.Length - 1; i < text.Length && close < 0; i++)
        {
            if (text[i] == '(')
            {
                depth++;
            }
            else if (text[i] == ')' && --depth == 0)
            {
                close = i;
            }
        }
        if (close < 0)
        {
            return null;
        }
        var typeName = text.Substring(JsonPrefix.Length, close - JsonPrefix.Length);
        var rest = text.Substring(close + 1);
        var isNullable = rest.StartsWith("?", StringComparison.Ordinal);
        rest = (isNullable ? rest.Substring(1) : rest).Trim();
        if (rest.Length == 0)
        {
            return new KeyEncoding(EncodingForm.Json, typeName, isNullable, null);
        }
        if (!rest.StartsWith("{", StringComparison.Ordinal) || !rest.EndsWith("}", StringComparison.Ordinal))
        {
            return null;
        }
        var members = new List<JsonMemberEncoding>();
        var inner = rest.Substring(1, rest.Length - 2).Trim();
        if (inner.Length > 0)
        {
            foreach (var part in inner.Split(new[] { ", " }, StringSplitOptions.None))
            {
                var colon = part.LastIndexOf(": ", StringComparison.Ordinal);
                if (colon <= 0)
                {
                    return null;
                }
                var kind = part.Substring(colon + 2).Trim();
                var nullableMember = kind.EndsWith("?", StringComparison.Ordinal);
                kind = nullableMember ? kind.Substring(0, kind.Length - 1) : kind;
                if (!IsName(kind))
                {
                    return null;
                }
                members.Add(new JsonMemberEncoding(part.Substring(0, colon), kind, nullableMember));
            }
        }
        return new KeyEncoding(EncodingForm.Json, typeName, isNullable, new EquatableArray<JsonMemberEncoding>(members));
    }

    private static JsonMemberEncoding MemberEncoding(JsonObjectMemberSpec member)
    {
        var reader = member.ReaderName;
        var kind = reader.EndsWith("Reader", StringComparison.Ordinal) ? reader.Substring(0, reader.Length - "Reader".Length) : reader;
        // A reference type's local carries '?'; a non-nullable reference's value is still declared without it.
        var isNullable = member.NullableValueTypeName is not null
            || (member.LocalTypeName != member.TypeName && !member.IsNonNullableReference);
        return new JsonMemberEncoding(member.DeclaredJsonName ?? member.MetadataName, kind, isNullable);
    }

    private static bool IsName(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!char.IsLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }
        return true;
    }

    private static string Unqualified(string typeName) => typeName.Replace("global::", string.Empty);
}
