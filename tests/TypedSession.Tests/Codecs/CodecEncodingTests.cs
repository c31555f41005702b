using TypedSession.Generated;

namespace TypedSession.Tests.Codecs;

/// <summary>
/// Pins the bytes of every codec to the encoding table in the README: stored sessions outlive deploys, so an encoding
/// may never change silently.
/// </summary>
public sealed class CodecEncodingTests
{
    private static string Hex<TCodec, T>(T value) where TCodec : struct, IValueCodec<T> => Convert.ToHexString(TCodec.Encode(value));

    [Fact]
    public void Every_codec_writes_its_documented_bytes()
    {
        Assert.Equal("C3A9", Hex<StringCodec, string>("é"));
        Assert.Equal("", Hex<StringCodec, string>(""));
        Assert.Equal("01", Hex<BooleanCodec, bool>(true));
        Assert.Equal("00", Hex<BooleanCodec, bool>(false));
        Assert.Equal("AB", Hex<ByteCodec, byte>(0xAB));
        Assert.Equal("0102", Hex<Int16Codec, short>(0x0102));
        Assert.Equal("FFFE", Hex<Int16Codec, short>(-2));
        Assert.Equal("01020304", Hex<Int32Codec, int>(0x01020304));
        Assert.Equal("0102030405060708", Hex<Int64Codec, long>(0x0102030405060708));
        Assert.Equal("3F800000", Hex<SingleCodec, float>(1.0f));
        Assert.Equal("3FF0000000000000", Hex<DoubleCodec, double>(1.0));
        Assert.Equal("0000000F" + "00000000" + "00000000" + "00010000", Hex<DecimalCodec, decimal>(1.5m));
        Assert.Equal("00000001" + "00000000" + "00000000" + "80000000", Hex<DecimalCodec, decimal>(-1m));
        Assert.Equal("00E9", Hex<CharCodec, char>('é'));
        Assert.Equal("00112233445566778899AABBCCDDEEFF", Hex<GuidCodec, Guid>(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff")));
        Assert.Equal("4000000000000001", Hex<DateTimeCodec, DateTime>(new DateTime(1, DateTimeKind.Utc)));
        Assert.Equal("0000000000000001", Hex<DateTimeCodec, DateTime>(new DateTime(1, DateTimeKind.Unspecified)));
        Assert.Equal("089F7FF5F7B58000" + "003C", Hex<DateTimeOffsetCodec, DateTimeOffset>(DateTimeOffset.UnixEpoch.ToOffset(TimeSpan.FromHours(1))));
        Assert.Equal("089F7FF5F7B58000" + "FFC4", Hex<DateTimeOffsetCodec, DateTimeOffset>(DateTimeOffset.UnixEpoch.ToOffset(TimeSpan.FromHours(-1))));
        Assert.Equal("00000001", Hex<DateOnlyCodec, DateOnly>(new DateOnly(1, 1, 2)));
        Assert.Equal("0000000000000001", Hex<TimeOnlyCodec, TimeOnly>(new TimeOnly(1)));
        Assert.Equal("FFFFFFFFFFFFFFFF", Hex<TimeSpanCodec, TimeSpan>(TimeSpan.FromTicks(-1)));
        Assert.Equal("00FF", Hex<ByteArrayCodec, byte[]>([0x00, 0xFF]));
    }

    [Fact]
    public void Byte_array_is_stored_as_given_without_a_copy()
    {
        byte[] value = [1, 2, 3];
        Assert.Same(value, ByteArrayCodec.Encode(value));
    }
}
