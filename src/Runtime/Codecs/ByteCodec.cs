using System.ComponentModel;

namespace TypedSession.Generated;

/// <summary>One byte. For generated code; not a stable API.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ByteCodec : IValueCodec<byte>
{
    /// <inheritdoc />
    public static byte[] Encode(byte value) => [value];

    /// <inheritdoc />
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out byte value)
    {
        if (bytes.Length == 1) { value = bytes[0]; return true; }
        value = 0;
        return false;
    }
}
