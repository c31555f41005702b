using System.ComponentModel;

namespace TypedSession.Generated;

/// <summary>The IEEE 754 bits in eight bytes, big-endian. For generated code; not a stable API.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DoubleCodec : IValueCodec<double>
{
    /// <inheritdoc />
    public static byte[] Encode(double value) => FixedWidth.Int64(BitConverter.DoubleToInt64Bits(value));

    /// <inheritdoc />
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out double value)
    {
        var ok = FixedWidth.TryInt64(bytes, out var bits);
        value = BitConverter.Int64BitsToDouble(bits);
        return ok;
    }
}
