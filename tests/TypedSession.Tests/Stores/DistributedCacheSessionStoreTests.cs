using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Session;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TypedSession.Stores;

namespace TypedSession.Tests.Stores;

public sealed class DistributedCacheSessionStoreTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly MemoryDistributedCache _cache = new(Options.Create(new MemoryDistributedCacheOptions()));
    private readonly FakeTimeProvider _time = new(Created.AddMinutes(5));

    private DistributedCacheSessionStore Store => new(_cache, _time);

    private static Dictionary<string, byte[]> Values(params (string Key, string Value)[] values) =>
        values.ToDictionary(v => v.Key, v => Encoding.UTF8.GetBytes(v.Value), StringComparer.Ordinal);

    private static SessionCommit Commit(Dictionary<string, byte[]> values, DateTimeOffset now, TimeSpan? idle = null) =>
        new(values, values, [], ReplaceAll: true, Created, new SessionExpiry(idle ?? TimeSpan.FromMinutes(20), null, now)) { CreatesEntry = true };

    [Fact]
    public async Task Commit_and_load_round_trip_values_and_times()
    {
        var values = Values(("user", "ada"), ("émoji ✓", ""), ("cart", new string('x', 70_000)));
        await Store.CommitAsync("k", Commit(values, Created.AddMinutes(3)), CancellationToken.None);

        var entry = await Store.LoadAsync("k", CancellationToken.None);

        Assert.NotNull(entry);
        Assert.Equal(values.Keys.Order(), entry.Values.Keys.Order());
        Assert.All(values, v => Assert.Equal(v.Value, entry.Values[v.Key]));
        Assert.Equal(Created, entry.CreatedAt);
        Assert.Equal(Created.AddMinutes(3), entry.RefreshedAt);
    }

    [Fact]
    public async Task Reads_the_blob_of_the_stock_DistributedSession()
    {
        var stock = new DistributedSession(_cache, "legacy", TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(1), () => true, NullLoggerFactory.Instance, isNewSessionKey: true);
        stock.SetString("Username", "John");
        stock.SetInt32("Visits", 3);
        stock.Set("Empty", []);
        await stock.CommitAsync();

        var entry = await Store.LoadAsync("legacy", CancellationToken.None);

        Assert.NotNull(entry);
        Assert.Equal("John", Encoding.UTF8.GetString(entry.Values["Username"]));
        Assert.Equal(new byte[] { 0, 0, 0, 3 }, entry.Values["Visits"]);
        Assert.Empty(entry.Values["Empty"]);
        // The stock blob records no times: the read counts as creation and refresh.
        Assert.Equal(_time.GetUtcNow(), entry.CreatedAt);
        Assert.Equal(_time.GetUtcNow(), entry.RefreshedAt);
    }

    [Fact]
    public async Task Every_truncation_of_a_blob_and_foreign_bytes_are_reported_as_corrupt()
    {
        await Store.CommitAsync("k", Commit(Values(("a", "1"), ("bb", "22")), Created), CancellationToken.None);
        var blob = (await _cache.GetAsync("k"))!;

        for (var length = 1; length < blob.Length; length++)
        {
            await _cache.SetAsync("k", blob[..length]);
            await Assert.ThrowsAsync<CorruptSessionEntryException>(() => Store.LoadAsync("k", CancellationToken.None));
        }
        foreach (var foreign in new[] { "{\"user\":\"ada\"}"u8.ToArray(), [(byte)'T', (byte)'S', 9, 0, 0], [.. blob, 0], [0xFF] })
        {
            await _cache.SetAsync("k", foreign);
            await Assert.ThrowsAsync<CorruptSessionEntryException>(() => Store.LoadAsync("k", CancellationToken.None));
        }
    }

    [Fact]
    public async Task Refresh_stamps_the_refresh_time_and_keeps_the_values()
    {
        await Store.CommitAsync("k", Commit(Values(("user", "ada")), Created), CancellationToken.None);

        await Store.RefreshAsync("k", new SessionExpiry(TimeSpan.FromMinutes(20), null, Created.AddMinutes(9)), CancellationToken.None);

        var entry = await Store.LoadAsync("k", CancellationToken.None);
        Assert.Equal(Created.AddMinutes(9), entry!.RefreshedAt);
        Assert.Equal(Created, entry.CreatedAt);
        Assert.Equal("ada", Encoding.UTF8.GetString(entry.Values["user"]));
    }

    [Fact]
    public async Task Refresh_of_a_deleted_session_does_not_bring_it_back()
    {
        await Store.CommitAsync("k", Commit(Values(("user", "ada")), Created), CancellationToken.None);
        await Store.DeleteAsync("k", CancellationToken.None);

        await Store.RefreshAsync("k", new SessionExpiry(TimeSpan.FromMinutes(20), null, Created.AddMinutes(9)), CancellationToken.None);

        Assert.Null(await Store.LoadAsync("k", CancellationToken.None));
    }

    [Fact]
    public async Task Commit_past_the_absolute_expiry_removes_the_entry()
    {
        await Store.CommitAsync("k", Commit(Values(("user", "ada")), Created), CancellationToken.None);
        var values = Values(("user", "bob"));

        await Store.CommitAsync("k", new SessionCommit(values, values, [], false, Created, new SessionExpiry(TimeSpan.FromMinutes(20), Created, Created.AddMinutes(1))), CancellationToken.None);

        Assert.Null(await Store.LoadAsync("k", CancellationToken.None));
    }

    [Fact]
    public async Task Users_of_an_app_on_the_stock_session_start_over_once_when_it_switches_to_the_engine()
    {
        // One cache and one key ring, as a restarted app with a persistent cache and key ring has.
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        var keyRing = new EphemeralDataProtectionProvider();
        Task<EngineHost> StartAsync(bool engine) => EngineHost.CreateBuilder()
            .UseSystemClock()
            .ConfigureSessions(s =>
            {
                s.AddSingleton<IDistributedCache>(cache);
                s.AddSingleton<IDataProtectionProvider>(keyRing);
                s.AddSession();
                if (engine)
                {
                    s.AddTypedSessionEngine();
                }
            })
            .Run(async context =>
            {
                await context.Session.LoadAsync();
                if (context.Request.Path == "/set")
                {
                    context.Session.SetString("Username", "John");
                }
                await context.Response.WriteAsync($"{context.Session.GetType().Name}:{context.Session.GetString("Username")}");
            })
            .StartAsync();

        string? cookie;
        await using (var stockApp = await StartAsync(engine: false))
        {
            var client = new SessionClient(stockApp.Server.CreateClient());
            Assert.Equal("DistributedSession:John", await client.GetStringAsync("/set"));
            cookie = client.Cookie;
        }
        await using var engineApp = await StartAsync(engine: true);
        var returning = new SessionClient(engineApp.Server.CreateClient()) { Cookie = cookie };

        // The stock session keeps its entry under the very key the cookie carries; the engine looks only under a hash
        // of it, so that a copy of the store opens no session. The stock entry is left to its expiry, never read.
        Assert.Equal("EngineSession:", await returning.GetStringAsync("/get"));
        Assert.Equal("EngineSession:John", await returning.GetStringAsync("/set"));
        Assert.Equal("EngineSession:John", await returning.GetStringAsync("/get"));
        Assert.NotEqual(cookie, returning.Cookie);
    }
}
