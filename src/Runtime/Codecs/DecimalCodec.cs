using System.ComponentModel;

namespace TypedSession.Generated;

/// <summary>The four 32-bit parts of <see cref="decimal.GetBits(decimal)"/>, each big-endian: sixteen bytes. For generated code; not a stable API.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DecimalCodec : IValueCodec<decimal>
{
    /// <inheritdoc />
    public static byte[] Encode(decimal value)
    {
        Span<int> parts = stackalloc int[4];
        decimal.GetBits(value, parts);
        var bytes = new byte[16];
        for (var i = 0; i < 4; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(i * 4), parts[i]);
        }
        return bytes;
    }

    /// <inheritdoc />
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out decimal value)
    {
        value = 0;
        if (bytes.Length != 16)
        {
            return false;
        }
        Span<int> parts = stackalloc int[4];
        for (var i = 0; i < 4; i++)
        {
            parts[i] = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(i * 4));
        }
        // The flags part holds the sign in bit 31 and the scale (0-28) in bits 16-23; anything else is corrupt
        // and would make the decimal constructor throw.
        var flags = parts[3];
        if ((flags & 0x7F00FFFF) != 0 || ((flags >> 16) & 0xFF) > 28)
        {
            return false;
        }
        value = new decimal(parts);
        return true;
    }
}
