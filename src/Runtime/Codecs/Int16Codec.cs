using System.ComponentModel;

namespace TypedSession.Generated;

/// <summary>Two bytes, big-endian. For generated code; not a stable API.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Int16Codec : IValueCodec<short>
{
    /// <inheritdoc />
    public static byte[] Encode(short value) => FixedWidth.Int16(value);

    /// <inheritdoc />
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out short value)
    {
        return FixedWidth.TryInt16(bytes, out value);
    }
}
