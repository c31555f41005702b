using TypedSession.Generated;
using TypedSession.Tests.Codecs.Support;

namespace TypedSession.Tests.Codecs;

public sealed class SessionValuesTests
{
    private readonly ReportingSession session = new();

    [Fact]
    public void Missing_key_reads_as_the_type_default()
    {
        Assert.Equal(0, SessionValues.Read<Int32Codec, int>(session, "Count"));
        Assert.False(SessionValues.Read<BooleanCodec, bool>(session, "IsLoggedIn"));
        Assert.Null(SessionValues.Read<StringCodec, string>(session, "Username"));
        Assert.Null(SessionValues.Read<ByteArrayCodec, byte[]>(session, "Avatar"));
        Assert.Null(SessionValues.ReadNullable<GuidCodec, Guid>(session, "CartId"));
        Assert.Empty(session.Reports);
    }

    [Fact]
    public void Written_value_reads_back_and_is_stored_under_the_key()
    {
        SessionValues.Write<StringCodec, string>(session, "Username", "John");
        SessionValues.Write<Int64Codec, long>(session, "Visits", long.MaxValue);

        Assert.Equal("John", SessionValues.Read<StringCodec, string>(session, "Username"));
        Assert.Equal(long.MaxValue, SessionValues.Read<Int64Codec, long>(session, "Visits"));
        Assert.Equal(["Username", "Visits"], session.Keys.Order());
    }

    [Fact]
    public void Writing_a_null_reference_removes_the_key()
    {
        SessionValues.Write<StringCodec, string>(session, "Username", "John");

        SessionValues.Write<StringCodec, string>(session, "Username", null!);

        Assert.DoesNotContain("Username", session.Keys);
        Assert.Null(SessionValues.Read<StringCodec, string>(session, "Username"));
    }

    [Fact]
    public void Writing_a_value_type_default_stores_it_rather_than_removing_the_key()
    {
        SessionValues.Write<Int32Codec, int>(session, "Count", 0);

        Assert.Contains("Count", session.Keys);
    }

    [Fact]
    public void Nullable_value_round_trips_and_null_removes_the_key()
    {
        var id = Guid.NewGuid();
        SessionValues.WriteNullable<GuidCodec, Guid>(session, "CartId", id);
        Assert.Equal(id, SessionValues.ReadNullable<GuidCodec, Guid>(session, "CartId"));

        SessionValues.WriteNullable<GuidCodec, Guid>(session, "CartId", null);

        Assert.DoesNotContain("CartId", session.Keys);
        Assert.Null(SessionValues.ReadNullable<GuidCodec, Guid>(session, "CartId"));
    }

    [Fact]
    public void Nullable_zero_is_a_value_not_a_removal()
    {
        SessionValues.WriteNullable<DoubleCodec, double>(session, "Discount", 0.0);

        Assert.Equal(0.0, SessionValues.ReadNullable<DoubleCodec, double>(session, "Discount"));
    }

    [Fact]
    public void Undecodable_value_reads_as_default_is_reported_once_per_read_and_is_kept_until_the_next_write()
    {
        byte[] stored = [1, 2, 3];
        session.Set("Count", stored);

        Assert.Equal(0, SessionValues.Read<Int32Codec, int>(session, "Count"));

        var report = Assert.Single(session.Reports);
        Assert.Equal("Count", report.Key);
        Assert.Equal(typeof(int), report.ValueType);
        Assert.True(session.TryGetValue("Count", out var kept));
        Assert.Equal(stored, kept);

        SessionValues.Write<Int32Codec, int>(session, "Count", 7);
        Assert.Equal(7, SessionValues.Read<Int32Codec, int>(session, "Count"));
        Assert.Single(session.Reports);
    }

    [Fact]
    public void Undecodable_nullable_value_reads_as_null_and_is_reported()
    {
        session.Set("LastSeen", [0xFF]);

        Assert.Null(SessionValues.ReadNullable<DateTimeCodec, DateTime>(session, "LastSeen"));

        var report = Assert.Single(session.Reports);
        Assert.Equal(("LastSeen", typeof(DateTime)), (report.Key, report.ValueType));
    }

    [Fact]
    public void Keys_are_case_sensitive_like_the_stock_session()
    {
        SessionValues.Write<StringCodec, string>(session, "username", "lower");

        Assert.Null(SessionValues.Read<StringCodec, string>(session, "Username"));
    }
}
