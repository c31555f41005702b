using System.ComponentModel;
using System.Text.Json;

namespace TypedSession.Codecs;

/// <summary>
/// Reads the members of a generated <see cref="JsonObjectCodec{T}"/> with the same <see cref="Utf8JsonReader"/> calls
/// System.Text.Json's built-in converters make, so that the values are the same as theirs. A read returns
/// <see langword="false"/> for a token the converter would not take without its options' help; the codec then leaves
/// the value to System.Text.Json. Used by generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonMemberValues
{
    /// <summary>Reads a string or the null literal.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out string? value)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                value = reader.GetString();
                return true;
            case JsonTokenType.Null:
                value = null;
                return true;
            default:
                value = null;
                return false;
        }
    }

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out bool value)
    {
        value = reader.TokenType == JsonTokenType.True;
        return value || reader.TokenType == JsonTokenType.False;
    }

    /// <summary>Reads a number that fits the type.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out byte value)
    {
        value = default;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetByte(out value);
    }

    /// <summary>Reads a number that fits the type.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out sbyte value)
    {
        value = default;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetSByte(out value);
    }

    /// <summary>Reads a number that fits the type.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out short value)
    {
        value = default;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt16(out value);
    }

    /// <summary>Reads a number that fits the type.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out ushort value)
    {
        value = default;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetUInt16(out value);
    }

    /// <summary>Reads a number that fits the type.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out int value)
    {
        value = default;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out value);
    }

    /// <summary>Reads a number that fits the type.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out uint value)
    {
        value = default;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetUInt32(out value);
    }

    /// <summary>Reads a number that fits the type.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out long value)
    {
        value = default;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value);
    }

    /// <summary>Reads a number that fits the type.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out ulong value)
    {
        value = default;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out value);
    }

    /// <summary>Reads a number that fits the type.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out float value)
    {
        value = default;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetSingle(out value);
    }

    /// <summary>Reads a number that fits the type.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out double value)
    {
        value = default;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out value);
    }

    /// <summary>Reads a number that fits the type.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out decimal value)
    {
        value = default;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out value);
    }

    /// <summary>Reads a <see cref="Guid"/> string.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out Guid value)
    {
        value = default;
        return reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out value);
    }

    /// <summary>Reads an ISO 8601 <see cref="DateTime"/> string.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out DateTime value)
    {
        value = default;
        return reader.TokenType == JsonTokenType.String && reader.TryGetDateTime(out value);
    }

    /// <summary>Reads an ISO 8601 <see cref="DateTimeOffset"/> string.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out DateTimeOffset value)
    {
        value = default;
        return reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out value);
    }

    /// <summary>Reads the value or the null literal.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out bool? value)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
            return true;
        }
        var read = TryRead(ref reader, out bool present);
        value = present;
        return read;
    }

    /// <summary>Reads the value or the null literal.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out byte? value)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
            return true;
        }
        var read = TryRead(ref reader, out byte present);
        value = present;
        return read;
    }

    /// <summary>Reads the value or the null literal.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out sbyte? value)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
            return true;
        }
        var read = TryRead(ref reader, out sbyte present);
        value = present;
        return read;
    }

    /// <summary>Reads the value or the null literal.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out short? value)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
            return true;
        }
        var read = TryRead(ref reader, out short present);
        value = present;
        return read;
    }

    /// <summary>Reads the value or the null literal.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out ushort? value)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
            return true;
        }
        var read = TryRead(ref reader, out ushort present);
        value = present;
        return read;
    }

    /// <summary>Reads the value or the null literal.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out int? value)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
            return true;
        }
        var read = TryRead(ref reader, out int present);
        value = present;
        return read;
    }

    /// <summary>Reads the value or the null literal.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out uint? value)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
            return true;
        }
        var read = TryRead(ref reader, out uint present);
        value = present;
        return read;
    }

    /// <summary>Reads the value or the null literal.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out long? value)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
            return true;
        }
        var read = TryRead(ref reader, out long present);
        value = present;
        return read;
    }

    /// <summary>Reads the value or the null literal.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out ulong? value)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
            return true;
        }
        var read = TryRead(ref reader, out ulong present);
        value = present;
        return read;
    }

    /// <summary>Reads the value or the null literal.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out float? value)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
            return true;
        }
        var read = TryRead(ref reader, out float present);
        value = present;
        return read;
    }

    /// <summary>Reads the value or the null literal.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out double? value)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
            return true;
        }
        var read = TryRead(ref reader, out double present);
        value = present;
        return read;
    }

    /// <summary>Reads the value or the null literal.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out decimal? value)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
            return true;
        }
        var read = TryRead(ref reader, out decimal present);
        value = present;
        return read;
    }

    /// <summary>Reads the value or the null literal.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out Guid? value)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
            return true;
        }
        var read = TryRead(ref reader, out Guid present);
        value = present;
        return read;
    }

    /// <summary>Reads the value or the null literal.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out DateTime? value)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
            return true;
        }
        var read = TryRead(ref reader, out DateTime present);
        value = present;
        return read;
    }

    /// <summary>Reads the value or the null literal.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out DateTimeOffset? value)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
            return true;
        }
        var read = TryRead(ref reader, out DateTimeOffset present);
        value = present;
        return read;
    }
}
