using System.ComponentModel;
using System.Buffers.Binary;

namespace TypedSession.Generated;

/// <summary>
/// The UTC ticks in eight bytes and the offset in minutes in two, big-endian: ten bytes that keep both the instant
/// and the offset it was written with.
/// For generated code; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DateTimeOffsetCodec : IValueCodec<DateTimeOffset>
{
    /// <inheritdoc />
    public static byte[] Encode(DateTimeOffset value)
    {
        var bytes = new byte[10];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value.UtcTicks);
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(8), (short)value.TotalOffsetMinutes);
        return bytes;
    }

    /// <inheritdoc />
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out DateTimeOffset value)
    {
        value = default;
        if (bytes.Length != 10)
        {
            return false;
        }
        var utcTicks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        var offsetMinutes = BinaryPrimitives.ReadInt16BigEndian(bytes.Slice(8));
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks || offsetMinutes < -14 * 60 || offsetMinutes > 14 * 60)
        {
            return false;
        }
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        var localTicks = utcTicks + offset.Ticks;
        if (localTicks < DateTime.MinValue.Ticks || localTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }
        value = new DateTimeOffset(new DateTime(utcTicks, DateTimeKind.Utc)).ToOffset(offset);
        return true;
    }
}
