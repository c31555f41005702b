using Microsoft.AspNetCore.Http;
using TypedSession.Generated;
using TypedSession.Tests.Codecs.Support;

namespace TypedSession.Tests.Codecs;

public sealed class JsonValuesTests
{
    private readonly ReportingSession session = new();

    [Fact]
    public void Complex_value_round_trips_through_source_generated_metadata()
    {
        var cart = new Cart(
            [new CartLine("SKU-1", 9.99m, 2), new CartLine("SKU-2", 0.0000000000000000000000000001m, 1)],
            new Dictionary<string, string> { ["gift"] = "yes", ["emoji"] = "😀" },
            new Address("Main Street", 1));

        SessionValues.WriteJson(session, "Cart", cart, CodecJsonContext.Default.Cart);
        var read = SessionValues.ReadJson(session, "Cart", CodecJsonContext.Default.Cart);

        Assert.NotNull(read);
        Assert.Equal(cart.Lines, read.Lines);
        Assert.Equal(cart.Notes, read.Notes);
        Assert.Equal(cart.ShipTo, read.ShipTo);
    }

    [Fact]
    public void Complex_value_is_stored_as_UTF8_JSON_readable_with_GetString()
    {
        SessionValues.WriteJson(session, "ShipTo", new Address("Main Street", 1), CodecJsonContext.Default.Address);

        Assert.Equal("""{"Street":"Main Street","Number":1}""", session.GetString("ShipTo"));
    }

    [Fact]
    public void Arrays_and_dictionaries_round_trip()
    {
        SessionValues.WriteJson(session, "Ids", [3, 1, 2], CodecJsonContext.Default.Int32Array);
        SessionValues.WriteJson(session, "Scores", new Dictionary<string, int> { ["a"] = 1 }, CodecJsonContext.Default.DictionaryStringInt32);

        Assert.Equal([3, 1, 2], SessionValues.ReadJson(session, "Ids", CodecJsonContext.Default.Int32Array)!);
        Assert.Equal(1, SessionValues.ReadJson(session, "Scores", CodecJsonContext.Default.DictionaryStringInt32)!["a"]);
    }

    [Fact]
    public void Missing_key_reads_as_null_and_writing_null_removes_the_key()
    {
        Assert.Null(SessionValues.ReadJson(session, "ShipTo", CodecJsonContext.Default.Address));
        SessionValues.WriteJson(session, "ShipTo", new Address("Main Street", 1), CodecJsonContext.Default.Address);

        SessionValues.WriteJson(session, "ShipTo", null, CodecJsonContext.Default.Address);

        Assert.DoesNotContain("ShipTo", session.Keys);
        Assert.Empty(session.Reports);
    }

    [Theory]
    [InlineData("{\"Street\":\"Main")]
    [InlineData("not json at all")]
    [InlineData("\"a string, not an object\"")]
    [InlineData("{\"Street\":\"Main Street\",\"Number\":\"one\"}")]
    [InlineData("")]
    public void Corrupt_JSON_reads_as_null_and_is_reported_with_the_key(string stored)
    {
        session.Set("ShipTo", System.Text.Encoding.UTF8.GetBytes(stored));

        Assert.Null(SessionValues.ReadJson(session, "ShipTo", CodecJsonContext.Default.Address));

        var report = Assert.Single(session.Reports);
        Assert.Equal("ShipTo", report.Key);
        Assert.Equal(typeof(Address), report.ValueType);
        Assert.IsType<System.Text.Json.JsonException>(report.Error, exactMatch: false);
    }

    [Fact]
    public void Corrupt_JSON_is_replaced_by_the_next_write()
    {
        session.Set("ShipTo", [0xFF, 0x00]);
        SessionValues.ReadJson(session, "ShipTo", CodecJsonContext.Default.Address);

        SessionValues.WriteJson(session, "ShipTo", new Address("New Road", 2), CodecJsonContext.Default.Address);

        Assert.Equal(new Address("New Road", 2), SessionValues.ReadJson(session, "ShipTo", CodecJsonContext.Default.Address));
    }
}
