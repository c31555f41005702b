using System.Text;

namespace TypedSession.Tests.Codecs.ObjectCodec;

/// <summary>
/// Random member values weighted towards the edges of each type's JSON form, from one seed: the generators of
/// <see cref="JsonObjectCodecProperties"/> draw the seed, so that FsCheck can replay a failing case.
/// </summary>
public sealed class RandomMembers(int seed)
{
    // Characters every escaping rule treats differently: quotes, backslash, controls, HTML-sensitive ASCII, Latin-1,
    // CJK, a surrogate pair's halves, a lone surrogate, and the line separators JavaScript cares about.
    private static readonly string[] Pieces =
    [
        "a", "Z", "0", " ", "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t", "\u0000", "\u001f", "<", ">", "&", "'", "+", "`",
        "é", "ß", "€", "中文", "😀", "\ud83d", "\ude00", "\u2028", "\u2029", "\u007f", "\u0080", "\ufeff", "EUR", "john.doe@example.com",
    ];

    private readonly Random random = new(seed);

    /// <summary>A value with every member random.</summary>
    public EveryMember NextEveryMember() => new(
        Text: NextString(allowNull: true),
        Name: NextString(allowNull: false)!,
        Flag: random.Next(2) == 0,
        Byte: (byte)random.Next(256),
        SByte: (sbyte)random.Next(-128, 128),
        Int16: (short)random.Next(short.MinValue, short.MaxValue + 1),
        UInt16: (ushort)random.Next(ushort.MaxValue + 1),
        Int32: Pick(int.MinValue, int.MaxValue, 0, -1, random.Next(int.MinValue, int.MaxValue)),
        UInt32: Pick(uint.MaxValue, 0u, (uint)random.NextInt64(uint.MaxValue)),
        Int64: Pick(long.MinValue, long.MaxValue, 0L, random.NextInt64(long.MinValue, long.MaxValue)),
        UInt64: Pick(ulong.MaxValue, 0UL, (ulong)random.NextInt64() * 2),
        Single: NextSingle(),
        Double: NextDouble(),
        Decimal: NextDecimal(),
        Guid: random.Next(5) == 0 ? Guid.Empty : NextGuid(),
        DateTime: NextDateTime(),
        DateTimeOffset: NextDateTimeOffset(),
        MaybeFlag: random.Next(3) == 0 ? null : random.Next(2) == 0,
        MaybeInt32: random.Next(3) == 0 ? null : random.Next(int.MinValue, int.MaxValue),
        MaybeInt64: random.Next(3) == 0 ? null : random.NextInt64(long.MinValue, long.MaxValue),
        MaybeDouble: random.Next(3) == 0 ? null : NextDouble(),
        MaybeDecimal: random.Next(3) == 0 ? null : NextDecimal(),
        MaybeGuid: random.Next(3) == 0 ? null : NextGuid(),
        MaybeDateTime: random.Next(3) == 0 ? null : NextDateTime(),
        MaybeDateTimeOffset: random.Next(3) == 0 ? null : NextDateTimeOffset());

    /// <summary>A value with every member random, none of them floating-point.</summary>
    public ExactMembers NextExactMembers()
    {
        var every = NextEveryMember();
        return new ExactMembers(
            every.Text, every.Name, every.Flag, every.Byte, every.SByte, every.Int16, every.UInt16, every.Int32, every.UInt32,
            every.Int64, every.UInt64, every.Decimal, every.Guid, every.DateTime, every.DateTimeOffset, every.MaybeFlag,
            every.MaybeInt32, random.Next(3) == 0 ? null : every.UInt64 / 3, every.MaybeDecimal, every.MaybeGuid, every.MaybeDateTime,
            every.MaybeDateTimeOffset);
    }

    /// <summary>A value built through setters.</summary>
    public Settable NextSettable() => new()
    {
        DisplayName = NextString(allowNull: true),
        Ordered = random.Next(int.MinValue, int.MaxValue),
        LastSeenAt = NextDateTimeOffset(),
    };

    /// <summary>A string of random pieces, or null.</summary>
    public string? NextString(bool allowNull)
    {
        if (allowNull && random.Next(8) == 0)
        {
            return null;
        }
        var text = new StringBuilder();
        var length = random.Next(5) == 0 ? random.Next(40, 300) : random.Next(0, 12);
        for (var i = 0; i < length; i++)
        {
            text.Append(random.Next(3) == 0 ? Pieces[random.Next(Pieces.Length)] : ((char)random.Next(0x20, 0x7f)).ToString());
        }
        return text.ToString();
    }

    private T Pick<T>(params T[] values) => values[random.Next(values.Length)];

    private Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private float NextSingle()
    {
        while (true)
        {
            var value = random.Next(4) switch
            {
                0 => Pick(0f, -0f, float.Epsilon, float.MaxValue, float.MinValue, 1.1f, 0.1f, 1e-10f, 16777217f),
                1 => (float)(random.NextDouble() * 1000),
                _ => BitConverter.Int32BitsToSingle(random.Next()),
            };
            if (float.IsFinite(value))
            {
                return value;
            }
        }
    }

    private double NextDouble()
    {
        while (true)
        {
            var value = random.Next(4) switch
            {
                0 => Pick(0d, -0d, double.Epsilon, double.MaxValue, double.MinValue, 0.1, 1e300, 5e-324, 9007199254740993d),
                1 => random.NextDouble() * 1e6,
                _ => BitConverter.Int64BitsToDouble(random.NextInt64()),
            };
            if (double.IsFinite(value))
            {
                return value;
            }
        }
    }

    private decimal NextDecimal() => random.Next(4) switch
    {
        0 => Pick(decimal.MaxValue, decimal.MinValue, 0m, 0.00m, 1.10m, -0.0000000000000000000000000001m, 149.97m, 79228162514264337593543950335m),
        1 => Math.Round((decimal)random.NextDouble() * 10000, random.Next(0, 5)),
        _ => new decimal(random.Next(), random.Next(), random.Next(), random.Next(2) == 0, (byte)random.Next(0, 29)),
    };

    private DateTime NextDateTime()
    {
        var ticks = random.Next(5) == 0
            ? Pick(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks, new DateTime(2025, 11, 3, 9, 30, 0).Ticks)
            : random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
        if (random.Next(2) == 0)
        {
            ticks -= ticks % TimeSpan.TicksPerSecond;
        }
        return new DateTime(ticks, Pick(DateTimeKind.Utc, DateTimeKind.Unspecified, DateTimeKind.Unspecified, DateTimeKind.Utc, DateTimeKind.Local));
    }

    private DateTimeOffset NextDateTimeOffset()
    {
        var offset = TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1));
        var minTicks = DateTimeOffset.MinValue.Ticks + Math.Max(0, -offset.Ticks) + TimeSpan.TicksPerDay;
        var maxTicks = DateTimeOffset.MaxValue.Ticks - Math.Max(0, offset.Ticks) - TimeSpan.TicksPerDay;
        var ticks = random.NextInt64(minTicks, maxTicks);
        if (random.Next(2) == 0)
        {
            ticks -= ticks % TimeSpan.TicksPerMillisecond;
        }
        return new DateTimeOffset(ticks, random.Next(3) == 0 ? TimeSpan.Zero : offset);
    }
}
