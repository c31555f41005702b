using System.ComponentModel;

namespace TypedSession.Generated;

/// <summary>One byte: 1 for true, 0 for false; any other byte is corrupt. For generated code; not a stable API.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct BooleanCodec : IValueCodec<bool>
{
    /// <inheritdoc />
    public static byte[] Encode(bool value) => value ? [1] : [0];

    /// <inheritdoc />
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out bool value)
    {
        if (bytes.Length == 1 && bytes[0] <= 1) { value = bytes[0] == 1; return true; }
        value = false;
        return false;
    }
}
