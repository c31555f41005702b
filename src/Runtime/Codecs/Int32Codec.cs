using System.ComponentModel;

namespace TypedSession.Generated;

/// <summary>Four bytes, big-endian: exactly what <c>ISession.SetInt32</c> stores. For generated code; not a stable API.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Int32Codec : IValueCodec<int>
{
    /// <inheritdoc />
    public static byte[] Encode(int value) => FixedWidth.Int32(value);

    /// <inheritdoc />
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out int value)
    {
        return FixedWidth.TryInt32(bytes, out value);
    }
}
