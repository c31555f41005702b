using System.ComponentModel;

namespace TypedSession.Generated;

/// <summary>The ticks since midnight in eight bytes, big-endian. For generated code; not a stable API.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TimeOnlyCodec : IValueCodec<TimeOnly>
{
    /// <inheritdoc />
    public static byte[] Encode(TimeOnly value) => FixedWidth.Int64(value.Ticks);

    /// <inheritdoc />
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out TimeOnly value)
    {
        if (FixedWidth.TryInt64(bytes, out var ticks) && ticks >= 0 && ticks <= TimeOnly.MaxValue.Ticks)
        {
            value = new TimeOnly(ticks);
            return true;
        }
        value = default;
        return false;
    }
}
