using System.Buffers.Binary;
using TypedSession.Generated;
using static TypedSession.Tests.Codecs.CodecAssert;

namespace TypedSession.Tests.Codecs;

public sealed class CorruptBytesTests
{
    [Fact]
    public void Fixed_width_codecs_reject_every_other_length()
    {
        RejectsOtherLengths<BooleanCodec, bool>(1);
        RejectsOtherLengths<ByteCodec, byte>(1);
        RejectsOtherLengths<Int16Codec, short>(2);
        RejectsOtherLengths<CharCodec, char>(2);
        RejectsOtherLengths<Int32Codec, int>(4);
        RejectsOtherLengths<SingleCodec, float>(4);
        RejectsOtherLengths<DateOnlyCodec, DateOnly>(4);
        RejectsOtherLengths<Int64Codec, long>(8);
        RejectsOtherLengths<DoubleCodec, double>(8);
        RejectsOtherLengths<DateTimeCodec, DateTime>(8);
        RejectsOtherLengths<TimeOnlyCodec, TimeOnly>(8);
        RejectsOtherLengths<TimeSpanCodec, TimeSpan>(8);
        RejectsOtherLengths<DateTimeOffsetCodec, DateTimeOffset>(10);
        RejectsOtherLengths<DecimalCodec, decimal>(16);
        RejectsOtherLengths<GuidCodec, Guid>(16);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0xFF)]
    public void Boolean_rejects_bytes_other_than_zero_and_one(byte stored) => Rejects<BooleanCodec, bool>([stored]);

    [Theory]
    [InlineData(0x0000_0001)] // bits 0-15 must be zero
    [InlineData(0x001D_0000)] // scale 29
    [InlineData(0x00FF_0000)] // scale 255
    [InlineData(0x0100_0000)] // bits 24-30 must be zero
    [InlineData(0x7F00_0000)]
    public void Decimal_rejects_bad_flags(int flags)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 1);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), flags);
        Rejects<DecimalCodec, decimal>(bytes);
    }

    [Theory]
    [InlineData(0x0000_0000_0000_0000UL + 3_155_378_976_000_000_000UL)] // Unspecified, MaxValue.Ticks + 1
    [InlineData(0x4000_0000_0000_0000UL + 3_155_378_976_000_000_000UL)] // Utc, MaxValue.Ticks + 1
    [InlineData(0x3FFF_FFFF_FFFF_FFFFUL)] // Unspecified, largest tick field
    [InlineData(0x7FFF_FFFF_FFFF_FFFFUL)] // Utc, largest tick field
    [InlineData(0x8000_0000_0000_0000UL + 0x3000_0000_0000_0000UL)] // Local, ticks far past MaxValue
    [InlineData(0xC000_0000_0000_0000UL + 0x3000_0000_0000_0000UL)] // Local (ambiguous DST), ticks far past MaxValue
    public void DateTime_rejects_ticks_out_of_range(ulong data)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, data);
        Rejects<DateTimeCodec, DateTime>(bytes);
    }

    [Theory]
    [InlineData(-1L, 0)]
    [InlineData(3_155_378_976_000_000_000L, 0)] // UTC ticks past MaxValue
    [InlineData(0L, 14 * 60 + 1)] // offset beyond +14:00
    [InlineData(0L, -14 * 60 - 1)] // offset beyond -14:00
    [InlineData(3_155_378_975_999_999_999L, 60)] // valid instant, local time past MaxValue
    [InlineData(0L, -60)] // valid instant, local time before MinValue
    public void DateTimeOffset_rejects_instants_and_offsets_out_of_range(long utcTicks, short offsetMinutes)
    {
        var bytes = new byte[10];
        BinaryPrimitives.WriteInt64BigEndian(bytes, utcTicks);
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(8), offsetMinutes);
        Rejects<DateTimeOffsetCodec, DateTimeOffset>(bytes);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(3_652_059)] // DateOnly.MaxValue.DayNumber + 1
    [InlineData(int.MaxValue)]
    public void DateOnly_rejects_day_numbers_out_of_range(int dayNumber)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, dayNumber);
        Rejects<DateOnlyCodec, DateOnly>(bytes);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(864_000_000_000L)] // TimeOnly.MaxValue.Ticks + 1
    [InlineData(long.MaxValue)]
    public void TimeOnly_rejects_ticks_out_of_range(long ticks)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, ticks);
        Rejects<TimeOnlyCodec, TimeOnly>(bytes);
    }

    [Fact]
    public void Invalid_UTF8_reads_as_replacement_characters_like_GetString()
    {
        byte[] stored = [0x41, 0xFF, 0xC3];

        Assert.True(StringCodec.TryDecode(stored, out var value));

        Assert.Equal(Microsoft.AspNetCore.Http.SessionExtensions.GetString(SessionWith(stored), "k"), value);
        Assert.Equal("A\uFFFD\uFFFD", value);
    }

    [Fact]
    public void No_codec_throws_on_arbitrary_bytes()
    {
        var random = new Random(20240601);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 24)];
            random.NextBytes(bytes);
            // The width of the codec under test matters most, so favour exact widths.
            if (i % 2 == 0)
            {
                bytes = bytes.AsSpan(0, Math.Min(bytes.Length, new[] { 1, 2, 4, 8, 10, 16 }[i / 2 % 6])).ToArray();
            }
            DecodeWithEveryCodec(bytes);
        }
    }

    private static void DecodeWithEveryCodec(byte[] bytes)
    {
        _ = StringCodec.TryDecode(bytes, out _);
        _ = BooleanCodec.TryDecode(bytes, out _);
        _ = ByteCodec.TryDecode(bytes, out _);
        _ = Int16Codec.TryDecode(bytes, out _);
        _ = Int32Codec.TryDecode(bytes, out _);
        _ = Int64Codec.TryDecode(bytes, out _);
        _ = SingleCodec.TryDecode(bytes, out _);
        _ = DoubleCodec.TryDecode(bytes, out _);
        _ = DecimalCodec.TryDecode(bytes, out _);
        _ = CharCodec.TryDecode(bytes, out _);
        _ = GuidCodec.TryDecode(bytes, out _);
        _ = DateTimeCodec.TryDecode(bytes, out _);
        _ = DateTimeOffsetCodec.TryDecode(bytes, out _);
        _ = DateOnlyCodec.TryDecode(bytes, out _);
        _ = TimeOnlyCodec.TryDecode(bytes, out _);
        _ = TimeSpanCodec.TryDecode(bytes, out _);
        _ = ByteArrayCodec.TryDecode(bytes, out _);
    }

    private static Infrastructure.InMemorySession SessionWith(byte[] stored)
    {
        var session = new Infrastructure.InMemorySession();
        session.Set("k", stored);
        return session;
    }
}
