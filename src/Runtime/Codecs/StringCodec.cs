using System.ComponentModel;

namespace TypedSession.Generated;

/// <summary>UTF-8 without a length prefix: exactly what <c>ISession.SetString</c> stores. For generated code; not a stable API.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct StringCodec : IValueCodec<string>
{
    /// <inheritdoc />
    public static byte[] Encode(string value) => System.Text.Encoding.UTF8.GetBytes(value);

    /// <inheritdoc />
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string value)
    {
        // Invalid sequences decode to U+FFFD, as GetString does, so a string never fails to decode.
        value = System.Text.Encoding.UTF8.GetString(bytes);
        return true;
    }
}
