using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Session;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TypedSession.Generated;

namespace TypedSession.Tests.Codecs;

/// <summary>
/// Wire compatibility with the stock helpers, over ASP.NET Core's own DistributedSession: a typed string is what
/// SetString stores and a typed int what SetInt32 stores, both ways, including after a commit and a reload.
/// </summary>
public sealed class StockSessionInteropTests
{
    private readonly MemoryDistributedCache cache = new(Options.Create(new MemoryDistributedCacheOptions()));
    private readonly string sessionKey = Guid.NewGuid().ToString();

    [Theory]
    [InlineData("John")]
    [InlineData("")]
    [InlineData("𝄞 Zoë 😀")]
    public void Typed_string_is_read_by_GetString_and_SetString_by_the_typed_read(string value)
    {
        var session = OpenSession();

        SessionValues.Write<StringCodec, string>(session, "Typed", value);
        session.SetString("Stock", value);

        Assert.Equal(value, session.GetString("Typed"));
        Assert.Equal(value, SessionValues.Read<StringCodec, string>(session, "Stock"));
        Assert.Equal(session.Get("Stock"), session.Get("Typed"));
    }

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(42)]
    [InlineData(int.MaxValue)]
    public void Typed_int_is_read_by_GetInt32_and_SetInt32_by_the_typed_read(int value)
    {
        var session = OpenSession();

        SessionValues.Write<Int32Codec, int>(session, "Typed", value);
        session.SetInt32("Stock", value);

        Assert.Equal(value, session.GetInt32("Typed"));
        Assert.Equal(value, SessionValues.Read<Int32Codec, int>(session, "Stock"));
        Assert.Equal(session.Get("Stock"), session.Get("Typed"));
    }

    [Fact]
    public void Byte_array_is_read_by_the_stock_Get_and_Set()
    {
        var session = OpenSession();
        byte[] value = [0, 1, 254, 255];

        SessionValues.Write<ByteArrayCodec, byte[]>(session, "Typed", value);
        session.Set("Stock", value);

        Assert.Equal(value, session.Get("Typed"));
        Assert.Equal(value, SessionValues.Read<ByteArrayCodec, byte[]>(session, "Stock"));
    }

    [Fact]
    public async Task Values_survive_a_commit_and_reload_in_both_directions()
    {
        var writer = OpenSession();
        await writer.LoadAsync();
        SessionValues.Write<StringCodec, string>(writer, "Username", "John");
        writer.SetInt32("Visits", 3);
        await writer.CommitAsync();

        var reader = OpenSession(isNew: false);
        await reader.LoadAsync();

        Assert.Equal("John", reader.GetString("Username"));
        Assert.Equal(3, SessionValues.Read<Int32Codec, int>(reader, "Visits"));
    }

    [Fact]
    public void A_value_of_another_type_reads_as_the_default_where_GetInt32_reads_null()
    {
        var session = OpenSession();
        session.SetString("Visits", "12"); // two bytes: not an int for either reader

        Assert.Equal(0, SessionValues.Read<Int32Codec, int>(session, "Visits"));
        Assert.Null(SessionValues.ReadNullable<Int32Codec, int>(session, "Visits"));
        Assert.Null(session.GetInt32("Visits"));
    }

    private DistributedSession OpenSession(bool isNew = true) =>
        new(cache, sessionKey, TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(1), () => true, NullLoggerFactory.Instance, isNew);
}
