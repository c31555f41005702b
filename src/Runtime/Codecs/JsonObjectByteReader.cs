using System.Buffers;
using System.Buffers.Text;
using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace TypedSession.Generated;

/// <summary>
/// Reads a generated <see cref="JsonObjectCodec{T}"/>'s members straight from bytes laid out exactly as the codec
/// writes them: every member in order, each behind its name, no whitespace, numbers without exponents, ISO dates in
/// their trimmed round-trip form, strings without escapes or non-ASCII text. Whatever else it meets (another order,
/// whitespace, an escape, a value outside the type) returns <see langword="false"/>, and the codec reads the same
/// bytes with <c>Utf8JsonReader</c>; so a value read here is the value System.Text.Json reads from the same bytes.
/// For generated code; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct JsonObjectByteReader
{
    // What a string may hold to be read here: printable ASCII and DEL, no quote, no backslash.
    private static readonly SearchValues<byte> PlainStringBytes = SearchValues.Create(PlainBytes());

    private readonly ReadOnlySpan<byte> _json;
    private readonly byte[][] _prefixes;
    private int _position;

    internal JsonObjectByteReader(ReadOnlySpan<byte> json, byte[][] prefixes)
    {
        _json = json;
        _prefixes = prefixes;
    }

    /// <summary>Reads a string member or the null literal.</summary>
    public bool TryRead(int member, out string? value)
    {
        value = null;
        return Prefix(member) && (TryNull() || TryString(out value));
    }

    /// <summary>Reads a Boolean member.</summary>
    public bool TryRead(int member, out bool value)
    {
        value = false;
        if (!Prefix(member))
        {
            return false;
        }
        if (Literal("true"u8))
        {
            value = true;
            return true;
        }
        return Literal("false"u8);
    }

    /// <summary>Reads a number member that fits the type.</summary>
    public bool TryRead(int member, out byte value)
    {
        value = 0;
        return Prefix(member) && Unsigned(out var number) && number <= byte.MaxValue && Set(out value, (byte)number);
    }

    /// <summary>Reads a number member that fits the type.</summary>
    public bool TryRead(int member, out sbyte value)
    {
        value = 0;
        return Prefix(member) && Integer(out var number) && number is >= sbyte.MinValue and <= sbyte.MaxValue && Set(out value, (sbyte)number);
    }

    /// <summary>Reads a number member that fits the type.</summary>
    public bool TryRead(int member, out short value)
    {
        value = 0;
        return Prefix(member) && Integer(out var number) && number is >= short.MinValue and <= short.MaxValue && Set(out value, (short)number);
    }

    /// <summary>Reads a number member that fits the type.</summary>
    public bool TryRead(int member, out ushort value)
    {
        value = 0;
        return Prefix(member) && Unsigned(out var number) && number <= ushort.MaxValue && Set(out value, (ushort)number);
    }

    /// <summary>Reads a number member that fits the type.</summary>
    public bool TryRead(int member, out int value)
    {
        value = 0;
        return Prefix(member) && Integer(out var number) && number is >= int.MinValue and <= int.MaxValue && Set(out value, (int)number);
    }

    /// <summary>Reads a number member that fits the type.</summary>
    public bool TryRead(int member, out uint value)
    {
        value = 0;
        return Prefix(member) && Unsigned(out var number) && number <= uint.MaxValue && Set(out value, (uint)number);
    }

    /// <summary>Reads a number member that fits the type.</summary>
    public bool TryRead(int member, out long value)
    {
        value = 0;
        return Prefix(member) && Integer(out value);
    }

    /// <summary>Reads a number member that fits the type.</summary>
    public bool TryRead(int member, out ulong value)
    {
        value = 0;
        return Prefix(member) && Unsigned(out value);
    }

    /// <summary>Reads a number member that fits the type, keeping its scale.</summary>
    public bool TryRead(int member, out decimal value)
    {
        value = 0;
        // The parse Utf8JsonReader.TryGetDecimal makes of a number without an exponent.
        return Prefix(member) && NumberText(allowFraction: true) is { IsEmpty: false } text
            && Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length;
    }

    /// <summary>Reads a <see cref="Guid"/> member in its <c>D</c> format.</summary>
    public bool TryRead(int member, out Guid value)
    {
        value = default;
        // The parse Utf8JsonReader.TryGetGuid makes of an unescaped string.
        return Prefix(member) && TryStringText(out var text) && text.Length == 36 && Utf8Parser.TryParse(text, out value, out _, 'D');
    }

    /// <summary>Reads a <see cref="DateTime"/> member written in UTC (<c>Z</c>) or without a zone.</summary>
    public bool TryRead(int member, out DateTime value)
    {
        value = default;
        if (!Prefix(member) || !TryStringText(out var text) || text.Length < 19 || !TryParseDateTime(text, out var clock, out var rest))
        {
            return false;
        }
        if (rest.IsEmpty)
        {
            value = clock;
            return true;
        }
        if (rest is [(byte)'Z'])
        {
            value = DateTime.SpecifyKind(clock, DateTimeKind.Utc);
            return true;
        }
        // An offset makes System.Text.Json convert to local time: left to it.
        return false;
    }

    /// <summary>Reads a <see cref="DateTimeOffset"/> member written with its offset or <c>Z</c>.</summary>
    public bool TryRead(int member, out DateTimeOffset value)
    {
        value = default;
        if (!Prefix(member) || !TryStringText(out var text) || text.Length < 19 || !TryParseDateTime(text, out var clock, out var rest))
        {
            return false;
        }
        long offsetTicks;
        if (rest is [(byte)'Z'])
        {
            offsetTicks = 0;
        }
        else if (rest is [(byte)'+' or (byte)'-', var h1, var h2, (byte)':', var m1, var m2]
            && TwoDigits(h1, h2, out var hours) && TwoDigits(m1, m2, out var minutes) && minutes < 60 && hours * 60 + minutes <= 14 * 60)
        {
            offsetTicks = (hours * 60L + minutes) * TimeSpan.TicksPerMinute * (rest[0] == (byte)'-' ? -1 : 1);
        }
        else
        {
            return false;
        }
        var utcTicks = clock.Ticks - offsetTicks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }
        value = new DateTimeOffset(clock, TimeSpan.FromTicks(offsetTicks));
        return true;
    }

    /// <summary>Reads a nullable member or the null literal.</summary>
    public bool TryRead(int member, out bool? value) => Nullable(member, out value) || TryRead(member, out bool present) && Set(out value, present);

    /// <summary>Reads a nullable member or the null literal.</summary>
    public bool TryRead(int member, out byte? value) => Nullable(member, out value) || TryRead(member, out byte present) && Set(out value, present);

    /// <summary>Reads a nullable member or the null literal.</summary>
    public bool TryRead(int member, out sbyte? value) => Nullable(member, out value) || TryRead(member, out sbyte present) && Set(out value, present);

    /// <summary>Reads a nullable member or the null literal.</summary>
    public bool TryRead(int member, out short? value) => Nullable(member, out value) || TryRead(member, out short present) && Set(out value, present);

    /// <summary>Reads a nullable member or the null literal.</summary>
    public bool TryRead(int member, out ushort? value) => Nullable(member, out value) || TryRead(member, out ushort present) && Set(out value, present);

    /// <summary>Reads a nullable member or the null literal.</summary>
    public bool TryRead(int member, out int? value) => Nullable(member, out value) || TryRead(member, out int present) && Set(out value, present);

    /// <summary>Reads a nullable member or the null literal.</summary>
    public bool TryRead(int member, out uint? value) => Nullable(member, out value) || TryRead(member, out uint present) && Set(out value, present);

    /// <summary>Reads a nullable member or the null literal.</summary>
    public bool TryRead(int member, out long? value) => Nullable(member, out value) || TryRead(member, out long present) && Set(out value, present);

    /// <summary>Reads a nullable member or the null literal.</summary>
    public bool TryRead(int member, out ulong? value) => Nullable(member, out value) || TryRead(member, out ulong present) && Set(out value, present);

    /// <summary>Reads a nullable member or the null literal.</summary>
    public bool TryRead(int member, out decimal? value) => Nullable(member, out value) || TryRead(member, out decimal present) && Set(out value, present);

    /// <summary>Reads a nullable member or the null literal.</summary>
    public bool TryRead(int member, out Guid? value) => Nullable(member, out value) || TryRead(member, out Guid present) && Set(out value, present);

    /// <summary>Reads a nullable member or the null literal.</summary>
    public bool TryRead(int member, out DateTime? value) => Nullable(member, out value) || TryRead(member, out DateTime present) && Set(out value, present);

    /// <summary>Reads a nullable member or the null literal.</summary>
    public bool TryRead(int member, out DateTimeOffset? value) => Nullable(member, out value) || TryRead(member, out DateTimeOffset present) && Set(out value, present);

    /// <summary>Whether the object ends here and nothing follows it.</summary>
    public readonly bool IsAtEnd() => _position == _json.Length - 1 && _json[_position] == (byte)'}';

    private static bool Set<TValue>(out TValue target, TValue value)
    {
        target = value;
        return true;
    }

    // A nullable member's null literal; on anything else the position is left where it was, before the prefix.
    private bool Nullable<TValue>(int member, out TValue? value) where TValue : struct
    {
        value = null;
        var start = _position;
        if (Prefix(member) && TryNull())
        {
            return true;
        }
        _position = start;
        return false;
    }

    private bool Prefix(int member)
    {
        var prefix = _prefixes[member];
        if (!_json[_position..].StartsWith(prefix))
        {
            return false;
        }
        _position += prefix.Length;
        return true;
    }

    private bool TryNull() => Literal("null"u8);

    // A literal followed by the end of the member.
    private bool Literal(ReadOnlySpan<byte> literal)
    {
        var rest = _json[_position..];
        if (rest.Length <= literal.Length || !rest.StartsWith(literal) || rest[literal.Length] is not ((byte)',' or (byte)'}'))
        {
            return false;
        }
        _position += literal.Length;
        return true;
    }

    private bool Integer(out long value)
    {
        value = 0;
        return NumberText(allowFraction: false) is { IsEmpty: false } text
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    // No sign at all: Utf8JsonReader's unsigned parses do not take "-0".
    private bool Unsigned(out ulong value)
    {
        value = 0;
        return NumberText(allowFraction: false) is { IsEmpty: false } text && text[0] != (byte)'-'
            && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    // A JSON number without exponent (and without fraction unless allowed) ending the member; empty when it is not one.
    private ReadOnlySpan<byte> NumberText(bool allowFraction)
    {
        var rest = _json[_position..];
        var length = 0;
        if (length < rest.Length && rest[length] == (byte)'-')
        {
            length++;
        }
        var digitsStart = length;
        while (length < rest.Length && char.IsAsciiDigit((char)rest[length]))
        {
            length++;
        }
        var digits = length - digitsStart;
        if (digits == 0 || digits > 1 && rest[digitsStart] == (byte)'0')
        {
            return default;
        }
        if (allowFraction && length < rest.Length && rest[length] == (byte)'.')
        {
            var fractionStart = ++length;
            while (length < rest.Length && char.IsAsciiDigit((char)rest[length]))
            {
                length++;
            }
            if (length == fractionStart)
            {
                return default;
            }
        }
        if (length >= rest.Length || rest[length] is not ((byte)',' or (byte)'}'))
        {
            return default;
        }
        _position += length;
        return rest[..length];
    }

    private bool TryString(out string? value)
    {
        value = null;
        if (!TryStringText(out var text))
        {
            return false;
        }
        value = text.IsEmpty ? string.Empty : Encoding.ASCII.GetString(text);
        return true;
    }

    // The text of a string of plain ASCII that ends the member.
    private bool TryStringText(out ReadOnlySpan<byte> text)
    {
        text = default;
        var rest = _json[_position..];
        if (rest.IsEmpty || rest[0] != (byte)'"')
        {
            return false;
        }
        var end = rest[1..].IndexOfAnyExcept(PlainStringBytes) + 1;
        if (end <= 0 || rest[end] != (byte)'"' || end + 1 >= rest.Length || rest[end + 1] is not ((byte)',' or (byte)'}'))
        {
            return false;
        }
        _position += end + 1;
        text = rest[1..end];
        return true;
    }

    // yyyy-MM-ddTHH:mm:ss with an optional fraction of one to seven digits; rest is what follows (a zone or nothing).
    private static bool TryParseDateTime(ReadOnlySpan<byte> text, out DateTime value, out ReadOnlySpan<byte> rest)
    {
        value = default;
        rest = default;
        if (text[4] != (byte)'-' || text[7] != (byte)'-' || text[10] != (byte)'T' || text[13] != (byte)':' || text[16] != (byte)':'
            || !TwoDigits(text[0], text[1], out var century) || !TwoDigits(text[2], text[3], out var yearOfCentury)
            || !TwoDigits(text[5], text[6], out var month) || !TwoDigits(text[8], text[9], out var day)
            || !TwoDigits(text[11], text[12], out var hour) || !TwoDigits(text[14], text[15], out var minute)
            || !TwoDigits(text[17], text[18], out var second))
        {
            return false;
        }
        var year = century * 100 + yearOfCentury;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        long fraction = 0;
        var length = 19;
        if (length < text.Length && text[length] == (byte)'.')
        {
            length++;
            var digits = 0;
            while (length < text.Length && char.IsAsciiDigit((char)text[length]))
            {
                if (++digits > 7)
                {
                    return false;
                }
                fraction = fraction * 10 + (text[length] - '0');
                length++;
            }
            if (digits == 0)
            {
                return false;
            }
            for (; digits < 7; digits++)
            {
                fraction *= 10;
            }
        }
        value = new DateTime(year, month, day, hour, minute, second).AddTicks(fraction);
        rest = text[length..];
        return true;
    }

    private static bool TwoDigits(byte tens, byte ones, out int value)
    {
        value = (tens - '0') * 10 + (ones - '0');
        return char.IsAsciiDigit((char)tens) && char.IsAsciiDigit((char)ones);
    }

    private static byte[] PlainBytes()
    {
        var bytes = new List<byte>();
        for (var b = 0x20; b <= 0x7F; b++)
        {
            if (b is not '"' and not '\\')
            {
                bytes.Add((byte)b);
            }
        }
        return [.. bytes];
    }
}
