using System.ComponentModel;
using System.Text.Json;

namespace TypedSession.Generated;

/// <summary>
/// Reads the members of a generated <see cref="JsonObjectCodec{T}"/> with the same <see cref="Utf8JsonReader"/> calls
/// System.Text.Json's built-in converters make, so that the values are the same as theirs: one
/// <see cref="IJsonMemberReader{T}"/> per member type, and the null literal for nullable ones added once. A read
/// returns <see langword="false"/> for a token the converter would not take without its options' help; the codec then
/// leaves the value to System.Text.Json. For generated code; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonMemberValues
{
    /// <summary>Reads a member of type <typeparamref name="T"/> with <typeparamref name="TReader"/>.</summary>
    public static bool TryRead<TReader, T>(ref Utf8JsonReader reader, out T value) where TReader : struct, IJsonMemberReader<T> =>
        TReader.TryRead(ref reader, out value);

    /// <summary>Reads a nullable member: the null literal, or what <typeparamref name="TReader"/> reads.</summary>
    public static bool TryReadNullable<TReader, T>(ref Utf8JsonReader reader, out T? value) where TReader : struct, IJsonMemberReader<T> where T : struct
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
            return true;
        }
        var read = TReader.TryRead(ref reader, out var present);
        value = present;
        return read;
    }

    /// <summary>A string or the null literal.</summary>
    public struct StringReader : IJsonMemberReader<string?>
    {
        /// <inheritdoc />
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
    }

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public struct BooleanReader : IJsonMemberReader<bool>
    {
        /// <inheritdoc />
        public static bool TryRead(ref Utf8JsonReader reader, out bool value)
        {
            value = reader.TokenType == JsonTokenType.True;
            return value || reader.TokenType == JsonTokenType.False;
        }
    }

    /// <summary>A number that fits a <see cref="byte"/>.</summary>
    public struct ByteReader : IJsonMemberReader<byte>
    {
        /// <inheritdoc />
        public static bool TryRead(ref Utf8JsonReader reader, out byte value)
        {
            value = default;
            return reader.TokenType == JsonTokenType.Number && reader.TryGetByte(out value);
        }
    }

    /// <summary>A number that fits an <see cref="sbyte"/>.</summary>
    public struct SByteReader : IJsonMemberReader<sbyte>
    {
        /// <inheritdoc />
        public static bool TryRead(ref Utf8JsonReader reader, out sbyte value)
        {
            value = default;
            return reader.TokenType == JsonTokenType.Number && reader.TryGetSByte(out value);
        }
    }

    /// <summary>A number that fits a <see cref="short"/>.</summary>
    public struct Int16Reader : IJsonMemberReader<short>
    {
        /// <inheritdoc />
        public static bool TryRead(ref Utf8JsonReader reader, out short value)
        {
            value = default;
            return reader.TokenType == JsonTokenType.Number && reader.TryGetInt16(out value);
        }
    }

    /// <summary>A number that fits a <see cref="ushort"/>.</summary>
    public struct UInt16Reader : IJsonMemberReader<ushort>
    {
        /// <inheritdoc />
        public static bool TryRead(ref Utf8JsonReader reader, out ushort value)
        {
            value = default;
            return reader.TokenType == JsonTokenType.Number && reader.TryGetUInt16(out value);
        }
    }

    /// <summary>A number that fits an <see cref="int"/>.</summary>
    public struct Int32Reader : IJsonMemberReader<int>
    {
        /// <inheritdoc />
        public static bool TryRead(ref Utf8JsonReader reader, out int value)
        {
            value = default;
            return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out value);
        }
    }

    /// <summary>A number that fits a <see cref="uint"/>.</summary>
    public struct UInt32Reader : IJsonMemberReader<uint>
    {
        /// <inheritdoc />
        public static bool TryRead(ref Utf8JsonReader reader, out uint value)
        {
            value = default;
            return reader.TokenType == JsonTokenType.Number && reader.TryGetUInt32(out value);
        }
    }

    /// <summary>A number that fits a <see cref="long"/>.</summary>
    public struct Int64Reader : IJsonMemberReader<long>
    {
        /// <inheritdoc />
        public static bool TryRead(ref Utf8JsonReader reader, out long value)
        {
            value = default;
            return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value);
        }
    }

    /// <summary>A number that fits a <see cref="ulong"/>.</summary>
    public struct UInt64Reader : IJsonMemberReader<ulong>
    {
        /// <inheritdoc />
        public static bool TryRead(ref Utf8JsonReader reader, out ulong value)
        {
            value = default;
            return reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out value);
        }
    }

    /// <summary>A number that fits a <see cref="float"/>.</summary>
    public struct SingleReader : IJsonMemberReader<float>
    {
        /// <inheritdoc />
        public static bool TryRead(ref Utf8JsonReader reader, out float value)
        {
            value = default;
            return reader.TokenType == JsonTokenType.Number && reader.TryGetSingle(out value);
        }
    }

    /// <summary>A number that fits a <see cref="double"/>.</summary>
    public struct DoubleReader : IJsonMemberReader<double>
    {
        /// <inheritdoc />
        public static bool TryRead(ref Utf8JsonReader reader, out double value)
        {
            value = default;
            return reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out value);
        }
    }

    /// <summary>A number that fits a <see cref="decimal"/>.</summary>
    public struct DecimalReader : IJsonMemberReader<decimal>
    {
        /// <inheritdoc />
        public static bool TryRead(ref Utf8JsonReader reader, out decimal value)
        {
            value = default;
            return reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out value);
        }
    }

    /// <summary>A <see cref="Guid"/> string.</summary>
    public struct GuidReader : IJsonMemberReader<Guid>
    {
        /// <inheritdoc />
        public static bool TryRead(ref Utf8JsonReader reader, out Guid value)
        {
            value = default;
            return reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out value);
        }
    }

    /// <summary>An ISO 8601 <see cref="DateTime"/> string.</summary>
    public struct DateTimeReader : IJsonMemberReader<DateTime>
    {
        /// <inheritdoc />
        public static bool TryRead(ref Utf8JsonReader reader, out DateTime value)
        {
            value = default;
            return reader.TokenType == JsonTokenType.String && reader.TryGetDateTime(out value);
        }
    }

    /// <summary>An ISO 8601 <see cref="DateTimeOffset"/> string.</summary>
    public struct DateTimeOffsetReader : IJsonMemberReader<DateTimeOffset>
    {
        /// <inheritdoc />
        public static bool TryRead(ref Utf8JsonReader reader, out DateTimeOffset value)
        {
            value = default;
            return reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out value);
        }
    }
}
