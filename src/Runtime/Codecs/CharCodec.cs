using System.ComponentModel;

namespace TypedSession.Generated;

/// <summary>The UTF-16 code unit in two bytes, big-endian. For generated code; not a stable API.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct CharCodec : IValueCodec<char>
{
    /// <inheritdoc />
    public static byte[] Encode(char value) => FixedWidth.Int16((short)value);

    /// <inheritdoc />
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out char value)
    {
        var ok = FixedWidth.TryInt16(bytes, out var unit);
        value = (char)unit;
        return ok;
    }
}
