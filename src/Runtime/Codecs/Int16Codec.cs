namespace TypedSession.Codecs;

/// <summary>Two bytes, big-endian.</summary>
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
