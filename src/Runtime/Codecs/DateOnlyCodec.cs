using System.ComponentModel;

namespace TypedSession.Generated;

/// <summary>The day number (days since 0001-01-01) in four bytes, big-endian. For generated code; not a stable API.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DateOnlyCodec : IValueCodec<DateOnly>
{
    /// <inheritdoc />
    public static byte[] Encode(DateOnly value) => FixedWidth.Int32(value.DayNumber);

    /// <inheritdoc />
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out DateOnly value)
    {
        if (FixedWidth.TryInt32(bytes, out var day) && day >= 0 && day <= DateOnly.MaxValue.DayNumber)
        {
            value = DateOnly.FromDayNumber(day);
            return true;
        }
        value = default;
        return false;
    }
}
