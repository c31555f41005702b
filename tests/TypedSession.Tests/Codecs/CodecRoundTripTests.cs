using TypedSession.Generated;
using static TypedSession.Tests.Codecs.CodecAssert;

namespace TypedSession.Tests.Codecs;

public sealed class CodecRoundTripTests
{
    [Theory]
    [InlineData("")]
    [InlineData("John")]
    [InlineData("Zoë – naïve café")]
    [InlineData("𝄞 music, 😀 face, 𠜎 CJK extension B")]
    [InlineData("line\nbreak\0nul")]
    public void String_round_trips(string value) => Assert.Equal(value, RoundTrip<StringCodec, string>(value));

    [Fact]
    public void Long_string_round_trips() =>
        Assert.Equal(new string('x', 100_000), RoundTrip<StringCodec, string>(new string('x', 100_000)));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Boolean_round_trips(bool value) => Assert.Equal(value, RoundTrip<BooleanCodec, bool>(value));

    [Theory]
    [InlineData(byte.MinValue)]
    [InlineData((byte)1)]
    [InlineData(byte.MaxValue)]
    public void Byte_round_trips(byte value) => Assert.Equal(value, RoundTrip<ByteCodec, byte>(value));

    [Theory]
    [InlineData(short.MinValue)]
    [InlineData((short)-1)]
    [InlineData((short)0)]
    [InlineData(short.MaxValue)]
    public void Int16_round_trips(short value) => Assert.Equal(value, RoundTrip<Int16Codec, short>(value));

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(42)]
    [InlineData(int.MaxValue)]
    public void Int32_round_trips(int value) => Assert.Equal(value, RoundTrip<Int32Codec, int>(value));

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(-1L)]
    [InlineData(0L)]
    [InlineData(long.MaxValue)]
    public void Int64_round_trips(long value) => Assert.Equal(value, RoundTrip<Int64Codec, long>(value));

    [Theory]
    [InlineData(float.MinValue)]
    [InlineData(float.MaxValue)]
    [InlineData(float.Epsilon)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(0.0f)]
    [InlineData(3.14159f)]
    public void Single_round_trips_bit_for_bit(float value) =>
        Assert.Equal(BitConverter.SingleToInt32Bits(value), BitConverter.SingleToInt32Bits(RoundTrip<SingleCodec, float>(value)));

    [Theory]
    [InlineData(double.MinValue)]
    [InlineData(double.MaxValue)]
    [InlineData(double.Epsilon)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public void Double_round_trips_bit_for_bit(double value) =>
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(RoundTrip<DoubleCodec, double>(value)));

    [Fact]
    public void Negative_zero_keeps_its_sign()
    {
        Assert.True(float.IsNegative(RoundTrip<SingleCodec, float>(-0.0f)));
        Assert.True(double.IsNegative(RoundTrip<DoubleCodec, double>(-0.0)));
    }

    [Fact]
    public void Double_NaN_payload_is_kept() =>
        Assert.Equal(0x7FF8_0000_DEAD_BEEF, BitConverter.DoubleToInt64Bits(RoundTrip<DoubleCodec, double>(BitConverter.Int64BitsToDouble(0x7FF8_0000_DEAD_BEEF))));

    public static TheoryData<decimal> Decimals => new()
    {
        decimal.MinValue,
        decimal.MaxValue,
        decimal.Zero,
        decimal.MinusOne,
        0.0000000000000000000000000001m, // scale 28
        -7.9228162514264337593543950335m, // scale 28, full mantissa
        1.10m, // trailing zero: the scale is part of the value's identity
        new decimal(0, 0, 0, isNegative: true, scale: 5), // negative zero with a scale
    };

    [Theory]
    [MemberData(nameof(Decimals))]
    public void Decimal_round_trips_with_sign_and_scale(decimal value) =>
        Assert.Equal(decimal.GetBits(value), decimal.GetBits(RoundTrip<DecimalCodec, decimal>(value)));

    [Theory]
    [InlineData('\0')]
    [InlineData('A')]
    [InlineData('é')]
    [InlineData('\ud83d')] // a lone high surrogate is still a char
    [InlineData('\uffff')]
    public void Char_round_trips(char value) => Assert.Equal(value, RoundTrip<CharCodec, char>(value));

    public static TheoryData<Guid> Guids => new() { Guid.Empty, Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff") };

    [Theory]
    [MemberData(nameof(Guids))]
    public void Guid_round_trips(Guid value) => Assert.Equal(value, RoundTrip<GuidCodec, Guid>(value));

    public static TheoryData<DateTime> DateTimes => new()
    {
        DateTime.MinValue,
        DateTime.MaxValue,
        new DateTime(2024, 2, 29, 23, 59, 59, 999, DateTimeKind.Utc).AddTicks(9999),
        new DateTime(2024, 2, 29, 12, 0, 0, DateTimeKind.Unspecified),
        DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc),
        DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc),
    };

    [Theory]
    [MemberData(nameof(DateTimes))]
    public void DateTime_round_trips_with_ticks_and_kind(DateTime value)
    {
        var decoded = RoundTrip<DateTimeCodec, DateTime>(value);
        Assert.Equal(value.Ticks, decoded.Ticks);
        Assert.Equal(value.Kind, decoded.Kind);
    }

    [Fact]
    public void Local_DateTime_reads_back_as_the_same_local_time()
    {
        var value = new DateTime(2023, 1, 15, 10, 30, 0, DateTimeKind.Local);

        var decoded = RoundTrip<DateTimeCodec, DateTime>(value);

        Assert.Equal(DateTimeKind.Local, decoded.Kind);
        Assert.Equal(value, decoded);
    }

    public static TheoryData<DateTimeOffset> DateTimeOffsets => new()
    {
        DateTimeOffset.MinValue,
        DateTimeOffset.MaxValue,
        DateTimeOffset.UnixEpoch,
        new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.FromHours(14)),
        new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.FromHours(-14)),
        new DateTimeOffset(2024, 6, 1, 12, 0, 0, new TimeSpan(5, 45, 0)),
        new DateTimeOffset(DateTime.MinValue.AddHours(14), TimeSpan.FromHours(14)),
        new DateTimeOffset(DateTime.MaxValue.AddHours(-14), TimeSpan.FromHours(-14)),
    };

    [Theory]
    [MemberData(nameof(DateTimeOffsets))]
    public void DateTimeOffset_round_trips_with_instant_and_offset(DateTimeOffset value)
    {
        var decoded = RoundTrip<DateTimeOffsetCodec, DateTimeOffset>(value);
        Assert.Equal(value.UtcTicks, decoded.UtcTicks);
        Assert.Equal(value.Offset, decoded.Offset);
    }

    public static TheoryData<DateOnly> Dates => new() { DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(2024, 2, 29) };

    [Theory]
    [MemberData(nameof(Dates))]
    public void DateOnly_round_trips(DateOnly value) => Assert.Equal(value, RoundTrip<DateOnlyCodec, DateOnly>(value));

    public static TheoryData<TimeOnly> Times => new() { TimeOnly.MinValue, TimeOnly.MaxValue, new TimeOnly(13, 37, 0, 123, 456) };

    [Theory]
    [MemberData(nameof(Times))]
    public void TimeOnly_round_trips(TimeOnly value) => Assert.Equal(value, RoundTrip<TimeOnlyCodec, TimeOnly>(value));

    public static TheoryData<TimeSpan> TimeSpans => new() { TimeSpan.MinValue, TimeSpan.MaxValue, TimeSpan.Zero, TimeSpan.FromTicks(-1), TimeSpan.FromMinutes(20) };

    [Theory]
    [MemberData(nameof(TimeSpans))]
    public void TimeSpan_round_trips(TimeSpan value) => Assert.Equal(value, RoundTrip<TimeSpanCodec, TimeSpan>(value));

    [Fact]
    public void Empty_byte_array_round_trips() => Assert.Empty(RoundTrip<ByteArrayCodec, byte[]>([]));

    [Fact]
    public void Byte_array_round_trips_every_byte_value()
    {
        var value = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        Assert.Equal(value, RoundTrip<ByteArrayCodec, byte[]>(value));
    }

    [Fact]
    public void Decoded_byte_array_is_a_copy_of_the_stored_bytes()
    {
        byte[] stored = [1, 2, 3];

        Assert.True(ByteArrayCodec.TryDecode(stored, out var decoded));
        decoded[0] = 9;

        Assert.Equal(1, stored[0]);
    }
}
