namespace TypedSession.Codecs;

/// <summary>Eight bytes, big-endian.</summary>
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
