using TypedSession.Generated;

namespace TypedSession.Tests.Codecs;

/// <summary>
/// Enums (over byte, short, int or long) are stored as their underlying value through the codec of that type, with a
/// cast, as the generated properties do; any value of the underlying type round-trips, named or not.
/// </summary>
public sealed class EnumEncodingTests
{
    public enum Shade : byte { None = 0, Dark = byte.MaxValue }

    public enum Level : short { Lowest = short.MinValue, Highest = short.MaxValue }

    public enum Status { Negative = -1, Active = 1, Highest = int.MaxValue }

    public enum Epoch : long { Lowest = long.MinValue, Highest = long.MaxValue }

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
    [InlineData(Level.Lowest)]
    [InlineData(Level.Highest)]
    public void Int16_enum_round_trips(Level value)
    {
        SessionValues.Write<Int16Codec, short>(session, "Level", (short)value);
        Assert.Equal(value, (Level)SessionValues.Read<Int16Codec, short>(session, "Level"));
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

    [Theory]
    [InlineData(Epoch.Lowest)]
    [InlineData(Epoch.Highest)]
    public void Int64_enum_round_trips(Epoch value)
    {
        SessionValues.Write<Int64Codec, long>(session, "Epoch", (long)value);
        Assert.Equal(value, (Epoch)SessionValues.Read<Int64Codec, long>(session, "Epoch"));
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
