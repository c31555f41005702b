using System.ComponentModel;

namespace TypedSession.Generated;

/// <summary>The ticks in eight bytes, big-endian. For generated code; not a stable API.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TimeSpanCodec : IValueCodec<TimeSpan>
{
    /// <inheritdoc />
    public static byte[] Encode(TimeSpan value) => FixedWidth.Int64(value.Ticks);

    /// <inheritdoc />
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out TimeSpan value)
    {
        var ok = FixedWidth.TryInt64(bytes, out var ticks);
        value = new TimeSpan(ticks);
        return ok;
    }
}
