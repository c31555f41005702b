using System.ComponentModel;

namespace TypedSession.Generated;

/// <summary>Sixteen bytes in RFC 4122 (big-endian) order, the order a GUID is written in text. For generated code; not a stable API.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct GuidCodec : IValueCodec<Guid>
{
    /// <inheritdoc />
    public static byte[] Encode(Guid value)
    {
        var bytes = new byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        return bytes;
    }

    /// <inheritdoc />
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out Guid value)
    {
        if (bytes.Length != 16)
        {
            value = Guid.Empty;
            return false;
        }
        value = new Guid(bytes, bigEndian: true);
        return true;
    }
}
