using System.ComponentModel;

namespace TypedSession.Generated;

/// <summary>The bytes themselves. The array is stored as given, so do not change it after setting it. For generated code; not a stable API.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ByteArrayCodec : IValueCodec<byte[]>
{
    /// <inheritdoc />
    public static byte[] Encode(byte[] value) => value;

    /// <inheritdoc />
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out byte[] value)
    {
        value = bytes.ToArray();
        return true;
    }
}
