using System.ComponentModel;

namespace TypedSession.Generated;

/// <summary>
/// <see cref="DateTime.ToBinary"/> in eight bytes, big-endian: the ticks and the <see cref="DateTimeKind"/>, so a
/// UTC time reads back as UTC. A local time is stored as UTC and read back in the server's zone.
/// For generated code; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DateTimeCodec : IValueCodec<DateTime>
{
    /// <inheritdoc />
    public static byte[] Encode(DateTime value) => FixedWidth.Int64(value.ToBinary());

    /// <inheritdoc />
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out DateTime value)
    {
        value = default;
        if (!FixedWidth.TryInt64(bytes, out var data))
        {
            return false;
        }
        // FromBinary throws on ticks out of range; corrupt bytes must not throw into the request.
        const ulong KindMask = 0xC000000000000000;
        const long TicksMask = 0x3FFFFFFFFFFFFFFF;
        var kind = ((ulong)data & KindMask) >> 62;
        if (kind == 0 || kind == 1)
        {
            var ticks = data & TicksMask;
            if (ticks > DateTime.MaxValue.Ticks)
            {
                return false;
            }
            value = new DateTime(ticks, (DateTimeKind)kind);
            return true;
        }
        try
        {
            value = DateTime.FromBinary(data);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
