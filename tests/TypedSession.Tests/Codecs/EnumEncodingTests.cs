using TypedSession.Codecs;
using TypedSession.Tests.Infrastructure;

namespace TypedSession.Tests.Codecs;

/// <summary>Enums are stored as their underlying value through the codec of that width, with a cast.</summary>
public sealed class EnumEncodingTests
{
    public enum Shade : byte { None = 0, Dark = byte.MaxValue }

    public enum Signed8 : sbyte { Lowest = sbyte.MinValue, Highest = sbyte.MaxValue }

    public enum Level : short { Lowest = short.MinValue, Highest = short.MaxValue }

    public enum Port : ushort { Highest = ushort.MaxValue }

    public enum Status { Negative = -1, Active = 1, Highest = int.MaxValue }

    [Flags]
    public enum Permissions : uint { None = 0, Read = 1, Admin = 0x8000_0000 }

    public enum Epoch : long { Lowest = long.MinValue, Highest = long.MaxValue }

    public enum Serial : ulong { Highest = ulong.MaxValue }

    private readonly InMemorySession session = new();

    [Theory]
    [InlineData(Shade.None)]
    [InlineData(Shade.Dark)]
    [InlineData((Shade)77)]
    public void Byte_enum_round_trips(Shade value)
    {
        SessionValues.Write<ByteCodec, byte>(session, "Shade", (byte)value);
        Assert.Equal(value, (Shade)SessionValues.Read<ByteCodec, byte>(session, "Shade"));
    }

    [Theory]
    [InlineData(Signed8.Lowest)]
    [InlineData(Signed8.Highest)]
    public void Sbyte_enum_round_trips_through_the_byte_codec(Signed8 value)
    {
        SessionValues.Write<ByteCodec, byte>(session, "Signed8", unchecked((byte)value));
        Assert.Equal(value, unchecked((Signed8)SessionValues.Read<ByteCodec, byte>(session, "Signed8")));
    }

    [Theory]
    [InlineData(Level.Lowest)]
    [InlineData(Level.Highest)]
    public void Int16_enum_round_trips(Level value)
    {
        SessionValues.Write<Int16Codec, short>(session, "Level", (short)value);
        Assert.Equal(value, (Level)SessionValues.Read<Int16Codec, short>(session, "Level"));
    }

    [Fact]
    public void Uint16_enum_round_trips_through_the_int16_codec()
    {
        SessionValues.Write<Int16Codec, short>(session, "Port", unchecked((short)Port.Highest));
        Assert.Equal(Port.Highest, unchecked((Port)SessionValues.Read<Int16Codec, short>(session, "Port")));
    }

    [Theory]
    [InlineData(Status.Negative)]
    [InlineData(Status.Active)]
    [InlineData(Status.Highest)]
    [InlineData((Status)12345)]
    public void Int32_enum_round_trips_and_is_readable_with_GetInt32(Status value)
    {
        SessionValues.Write<Int32Codec, int>(session, "Status", (int)value);

        Assert.Equal(value, (Status)SessionValues.Read<Int32Codec, int>(session, "Status"));
        Assert.Equal((int)value, Microsoft.AspNetCore.Http.SessionExtensions.GetInt32(session, "Status"));
    }

    [Fact]
    public void Uint32_flags_enum_round_trips_through_the_int32_codec()
    {
        const Permissions value = Permissions.Read | Permissions.Admin;
        SessionValues.Write<Int32Codec, int>(session, "Permissions", unchecked((int)value));
        Assert.Equal(value, unchecked((Permissions)SessionValues.Read<Int32Codec, int>(session, "Permissions")));
    }

    [Theory]
    [InlineData(Epoch.Lowest)]
    [InlineData(Epoch.Highest)]
    public void Int64_enum_round_trips(Epoch value)
    {
        SessionValues.Write<Int64Codec, long>(session, "Epoch", (long)value);
        Assert.Equal(value, (Epoch)SessionValues.Read<Int64Codec, long>(session, "Epoch"));
    }

    [Fact]
    public void Uint64_enum_round_trips_through_the_int64_codec()
    {
        SessionValues.Write<Int64Codec, long>(session, "Serial", unchecked((long)Serial.Highest));
        Assert.Equal(Serial.Highest, unchecked((Serial)SessionValues.Read<Int64Codec, long>(session, "Serial")));
    }

    [Fact]
    public void Nullable_enum_round_trips_and_null_removes_the_key()
    {
        Status? value = Status.Negative;
        SessionValues.WriteNullable<Int32Codec, int>(session, "Maybe", (int?)value);
        Assert.Equal(value, (Status?)SessionValues.ReadNullable<Int32Codec, int>(session, "Maybe"));

        SessionValues.WriteNullable<Int32Codec, int>(session, "Maybe", null);

        Assert.Null((Status?)SessionValues.ReadNullable<Int32Codec, int>(session, "Maybe"));
        Assert.DoesNotContain("Maybe", session.Keys);
    }
}
