using System.ComponentModel;

namespace TypedSession.Generated;

/// <summary>Eight bytes, big-endian. For generated code; not a stable API.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Int64Codec : IValueCodec<long>
{
    /// <inheritdoc />
    public static byte[] Encode(long value) => FixedWidth.Int64(value);

    /// <inheritdoc />
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out long value)
    {
        return FixedWidth.TryInt64(bytes, out value);
    }
}
