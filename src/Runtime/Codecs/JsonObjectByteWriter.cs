using System.Buffers;
using System.Buffers.Text;
using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace TypedSession.Generated;

/// <summary>
/// Writes a generated <see cref="JsonObjectCodec{T}"/>'s members straight into bytes, for the values whose JSON text
/// is fixed by their type: numbers, Booleans, Guids, dates, and strings that no encoder escapes. Each member starts
/// with its name, escaped and quoted once per codec, and the separator before it. A member whose text this cannot
/// write exactly as <c>Utf8JsonWriter</c> would (a string that needs escaping, a local time) returns
/// <see langword="false"/>, and the codec leaves the whole value to <see cref="System.Text.Json.JsonSerializer"/>.
/// For generated code; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct JsonObjectByteWriter
{
    // The longest text of any value this writes but a string: a DateTimeOffset with a fraction and an offset.
    private const int MaxScalarLength = 64;

    // Printable ASCII that neither the default nor the relaxed encoder escapes: strings of only these are copied.
    private static readonly SearchValues<char> PlainCharacters =
        SearchValues.Create(" !#$%()*,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~");

    private readonly byte[][] _prefixes;
    private byte[] _buffer;
    private int _position;

    internal JsonObjectByteWriter(byte[] buffer, byte[][] prefixes)
    {
        _buffer = buffer;
        _prefixes = prefixes;
    }

    /// <summary>The buffer written into, which grows as needed; handed back to the cache after the write.</summary>
    internal readonly byte[] Buffer => _buffer;

    /// <summary>The bytes written so far.</summary>
    internal readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _position);

    /// <summary>Writes a string member, or the null literal; <see langword="false"/> when the string needs escaping.</summary>
    public bool TryWrite(int member, string? value)
    {
        if (value is null)
        {
            return WriteNull(member);
        }
        if (value.AsSpan().ContainsAnyExcept(PlainCharacters))
        {
            return false;
        }
        var destination = Reserve(member, value.Length + 2);
        destination[0] = (byte)'"';
        Encoding.ASCII.GetBytes(value, destination[1..]);
        destination[value.Length + 1] = (byte)'"';
        _position += value.Length + 2;
        return true;
    }

    /// <summary>Writes a Boolean member.</summary>
    public bool TryWrite(int member, bool value)
    {
        var literal = value ? "true"u8 : "false"u8;
        literal.CopyTo(Reserve(member, literal.Length));
        _position += literal.Length;
        return true;
    }

    /// <summary>Writes a number member.</summary>
    public bool TryWrite(int member, byte value) => TryWrite(member, (ulong)value);

    /// <summary>Writes a number member.</summary>
    public bool TryWrite(int member, sbyte value) => TryWrite(member, (long)value);

    /// <summary>Writes a number member.</summary>
    public bool TryWrite(int member, short value) => TryWrite(member, (long)value);

    /// <summary>Writes a number member.</summary>
    public bool TryWrite(int member, ushort value) => TryWrite(member, (ulong)value);

    /// <summary>Writes a number member.</summary>
    public bool TryWrite(int member, int value) => TryWrite(member, (long)value);

    /// <summary>Writes a number member.</summary>
    public bool TryWrite(int member, uint value) => TryWrite(member, (ulong)value);

    /// <summary>Writes a number member.</summary>
    public bool TryWrite(int member, long value)
    {
        var written = value.TryFormat(Reserve(member, MaxScalarLength), out var length, default, CultureInfo.InvariantCulture);
        _position += length;
        return written;
    }

    /// <summary>Writes a number member.</summary>
    public bool TryWrite(int member, ulong value)
    {
        var written = value.TryFormat(Reserve(member, MaxScalarLength), out var length, default, CultureInfo.InvariantCulture);
        _position += length;
        return written;
    }

    /// <summary>Writes a number member with its scale, as <c>Utf8JsonWriter</c> does (<c>1.50</c> stays <c>1.50</c>).</summary>
    public bool TryWrite(int member, decimal value)
    {
        var destination = Reserve(member, MaxScalarLength);
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = (ulong)(uint)bits[1] << 32 | (uint)bits[0];
        if (bits[2] != 0 || mantissa == 0)
        {
            // Beyond 64 bits, and zeros (whose sign and scale the formatter decides): the formatter Utf8JsonWriter uses.
            var formatted = Utf8Formatter.TryFormat(value, destination, out var formattedLength);
            _position += formattedLength;
            return formatted;
        }

        var scale = (bits[3] >> 16) & 0xFF;
        var offset = 0;
        if (bits[3] < 0)
        {
            destination[offset++] = (byte)'-';
        }
        Span<byte> digits = stackalloc byte[20];
        mantissa.TryFormat(digits, out var digitCount, default, CultureInfo.InvariantCulture);
        if (scale == 0)
        {
            digits[..digitCount].CopyTo(destination[offset..]);
            offset += digitCount;
        }
        else if (digitCount > scale)
        {
            var whole = digitCount - scale;
            digits[..whole].CopyTo(destination[offset..]);
            offset += whole;
            destination[offset++] = (byte)'.';
            digits[whole..digitCount].CopyTo(destination[offset..]);
            offset += scale;
        }
        else
        {
            destination[offset++] = (byte)'0';
            destination[offset++] = (byte)'.';
            destination.Slice(offset, scale - digitCount).Fill((byte)'0');
            offset += scale - digitCount;
            digits[..digitCount].CopyTo(destination[offset..]);
            offset += digitCount;
        }
        _position += offset;
        return true;
    }

    /// <summary>Writes a <see cref="Guid"/> member in its <c>D</c> format.</summary>
    public bool TryWrite(int member, Guid value)
    {
        var destination = Reserve(member, MaxScalarLength);
        destination[0] = (byte)'"';
        value.TryFormat(destination[1..], out var length, "D");
        destination[length + 1] = (byte)'"';
        _position += length + 2;
        return true;
    }

    /// <summary>
    /// Writes a <see cref="DateTime"/> member in ISO 8601 form without trailing fraction zeros; <see langword="false"/>
    /// for a local time, whose offset comes from the machine's time zone.
    /// </summary>
    public bool TryWrite(int member, DateTime value)
    {
        if (value.Kind == DateTimeKind.Local)
        {
            return false;
        }
        var destination = Reserve(member, MaxScalarLength);
        var length = WriteDateTime(destination, value);
        if (value.Kind == DateTimeKind.Utc)
        {
            destination[length++] = (byte)'Z';
        }
        destination[length++] = (byte)'"';
        _position += length;
        return true;
    }

    /// <summary>Writes a <see cref="DateTimeOffset"/> member in ISO 8601 form without trailing fraction zeros.</summary>
    public bool TryWrite(int member, DateTimeOffset value)
    {
        var destination = Reserve(member, MaxScalarLength);
        var length = WriteDateTime(destination, value.DateTime);
        var offsetMinutes = (int)(value.Offset.Ticks / TimeSpan.TicksPerMinute);
        destination[length++] = offsetMinutes < 0 ? (byte)'-' : (byte)'+';
        offsetMinutes = Math.Abs(offsetMinutes);
        WriteTwoDigits(destination[length..], offsetMinutes / 60);
        destination[length + 2] = (byte)':';
        WriteTwoDigits(destination[(length + 3)..], offsetMinutes % 60);
        length += 5;
        destination[length++] = (byte)'"';
        _position += length;
        return true;
    }

    /// <summary>Writes a nullable member, or the null literal.</summary>
    public bool TryWrite(int member, bool? value) => value is { } present ? TryWrite(member, present) : WriteNull(member);

    /// <summary>Writes a nullable member, or the null literal.</summary>
    public bool TryWrite(int member, byte? value) => value is { } present ? TryWrite(member, present) : WriteNull(member);

    /// <summary>Writes a nullable member, or the null literal.</summary>
    public bool TryWrite(int member, sbyte? value) => value is { } present ? TryWrite(member, present) : WriteNull(member);

    /// <summary>Writes a nullable member, or the null literal.</summary>
    public bool TryWrite(int member, short? value) => value is { } present ? TryWrite(member, present) : WriteNull(member);

    /// <summary>Writes a nullable member, or the null literal.</summary>
    public bool TryWrite(int member, ushort? value) => value is { } present ? TryWrite(member, present) : WriteNull(member);

    /// <summary>Writes a nullable member, or the null literal.</summary>
    public bool TryWrite(int member, int? value) => value is { } present ? TryWrite(member, present) : WriteNull(member);

    /// <summary>Writes a nullable member, or the null literal.</summary>
    public bool TryWrite(int member, uint? value) => value is { } present ? TryWrite(member, present) : WriteNull(member);

    /// <summary>Writes a nullable member, or the null literal.</summary>
    public bool TryWrite(int member, long? value) => value is { } present ? TryWrite(member, present) : WriteNull(member);

    /// <summary>Writes a nullable member, or the null literal.</summary>
    public bool TryWrite(int member, ulong? value) => value is { } present ? TryWrite(member, present) : WriteNull(member);

    /// <summary>Writes a nullable member, or the null literal.</summary>
    public bool TryWrite(int member, decimal? value) => value is { } present ? TryWrite(member, present) : WriteNull(member);

    /// <summary>Writes a nullable member, or the null literal.</summary>
    public bool TryWrite(int member, Guid? value) => value is { } present ? TryWrite(member, present) : WriteNull(member);

    /// <summary>Writes a nullable member, or the null literal.</summary>
    public bool TryWrite(int member, DateTime? value) => value is { } present ? TryWrite(member, present) : WriteNull(member);

    /// <summary>Writes a nullable member, or the null literal.</summary>
    public bool TryWrite(int member, DateTimeOffset? value) => value is { } present ? TryWrite(member, present) : WriteNull(member);

    /// <summary>Closes the object, whose first member's prefix opened it.</summary>
    internal void WriteEnd()
    {
        Reserve(-1, 1)[0] = (byte)'}';
        _position++;
    }

    private bool WriteNull(int member)
    {
        "null"u8.CopyTo(Reserve(member, 4));
        _position += 4;
        return true;
    }

    // Writes the member's prefix ({"Name": or ,"Name":) and returns room for at least valueLength more bytes.
    private Span<byte> Reserve(int member, int valueLength)
    {
        ReadOnlySpan<byte> prefix = member < 0 ? default : _prefixes[member];
        var needed = _position + prefix.Length + valueLength;
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }
        prefix.CopyTo(_buffer.AsSpan(_position));
        _position += prefix.Length;
        return _buffer.AsSpan(_position);
    }

    // yyyy-MM-ddTHH:mm:ss and, when the time has one, a fraction of up to seven digits without trailing zeros: the
    // round-trip ("O") format that Utf8JsonWriter trims. Starts with the opening quote.
    private static int WriteDateTime(Span<byte> destination, DateTime value)
    {
        var (date, _) = value;
        var (year, month, day) = date;
        var timeOfDay = value.Ticks % TimeSpan.TicksPerDay;
        var seconds = (int)(timeOfDay / TimeSpan.TicksPerSecond);
        var fraction = (int)(timeOfDay % TimeSpan.TicksPerSecond);

        destination[0] = (byte)'"';
        WriteTwoDigits(destination[1..], year / 100);
        WriteTwoDigits(destination[3..], year % 100);
        destination[5] = (byte)'-';
        WriteTwoDigits(destination[6..], month);
        destination[8] = (byte)'-';
        WriteTwoDigits(destination[9..], day);
        destination[11] = (byte)'T';
        WriteTwoDigits(destination[12..], seconds / 3600);
        destination[14] = (byte)':';
        WriteTwoDigits(destination[15..], seconds / 60 % 60);
        destination[17] = (byte)':';
        WriteTwoDigits(destination[18..], seconds % 60);
        var length = 20;
        if (fraction != 0)
        {
            var digits = 7;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }
            destination[length++] = (byte)'.';
            for (var i = digits - 1; i >= 0; i--)
            {
                destination[length + i] = (byte)('0' + fraction % 10);
                fraction /= 10;
            }
            length += digits;
        }
        return length;
    }

    private static void WriteTwoDigits(Span<byte> destination, int value)
    {
        destination[0] = (byte)('0' + value / 10);
        destination[1] = (byte)('0' + value % 10);
    }
}
