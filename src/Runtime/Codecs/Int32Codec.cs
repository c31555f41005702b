namespace TypedSession.Codecs;

/// <summary>Four bytes, big-endian: exactly what <c>ISession.SetInt32</c> stores.</summary>
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
