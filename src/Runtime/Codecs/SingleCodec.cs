using System.ComponentModel;

namespace TypedSession.Generated;

/// <summary>The IEEE 754 bits in four bytes, big-endian. For generated code; not a stable API.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SingleCodec : IValueCodec<float>
{
    /// <inheritdoc />
    public static byte[] Encode(float value) => FixedWidth.Int32(BitConverter.SingleToInt32Bits(value));

    /// <inheritdoc />
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out float value)
    {
        var ok = FixedWidth.TryInt32(bytes, out var bits);
        value = BitConverter.Int32BitsToSingle(bits);
        return ok;
    }
}
