namespace TypedSession.Codecs;

/// <summary>The bytes themselves. The array is stored as given, so do not change it after setting it.</summary>
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
