using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TypedSession.Stores;
using TypedSession.Stores.Sqlite;
using TypedSession.Tests.Engine.Support;

namespace TypedSession.Tests.Engine;

// Two instances of one app share a store, a key ring and a clock. A session starts on instance A; afterwards its cookie
// goes only to instance B, whose refresh memo has never seen it, in requests that never load the session. B cannot know
// whether the session is remembered, so each due refresh carries both idle windows and the store picks one by the
// persistence it holds (SessionExpiry.PersistentIdleTimeout): a remembered session keeps its 30 days, any other its 20
// minutes. The store contract test A_refresh_that_does_not_know_the_persistence_gives_each_entry_its_own_window proves
// the store's half; these prove the whole path, over HTTP, on the in-memory store (one instance in both hosts) and on
// SQLite (one file, a store object per host, as two processes have).
public sealed class UnknownPersistenceKeepAliveTests : IAsyncLifetime
{
    private static readonly TimeSpan Remembered = TypedSessionOptions.DefaultPersistentIdleTimeout;

    // SessionOptions.IdleTimeout's default.
    private static readonly TimeSpan Ordinary = TimeSpan.FromMinutes(20);

    private readonly FakeTimeProvider _time = new(EngineHost.Start);
    private readonly EphemeralDataProtectionProvider _keyRing = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("typedsession-keepalive-").FullName;
    private readonly List<SqliteSessionStore> _sqliteStores = [];

    private string DatabasePath => Path.Combine(_directory, "sessions.db");

    private static ISessionLifecycle Lifecycle(HttpContext c) => (ISessionLifecycle)c.Session;

    private static void Routes(IEndpointRouteBuilder e)
    {
        e.MapGet("/untouched", () => "ok");
        e.MapGet("/remember", async (HttpContext c, string user) =>
        {
            await c.Session.LoadAsync();
            Lifecycle(c).RememberMe();
            c.Session.SetString("user", user);
            return "ok";
        });
        e.MapGet("/write", async (HttpContext c, string user) =>
        {
            await c.Session.LoadAsync();
            c.Session.SetString("user", user);
            return "ok";
        });
        e.MapGet("/read", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            return $"{c.Session.GetString("user") ?? "(none)"} persistent={Lifecycle(c).IsPersistent}";
        });
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task A_remembered_session_kept_alive_only_by_untouched_requests_on_an_instance_that_never_saw_it_keeps_its_own_window(string store)
    {
        var (a, b) = await StartInstancesAsync(store);
        await using var instanceA = a.Host;
        await using var instanceB = b.Host;
        using var onA = a.Host.CreateClient();
        await onA.GetStringAsync("/remember?user=ada");
        var remembered = Assert.Single(onA.LastSessionCookies);
        Assert.Equal(Remembered, remembered.MaxAge);
        var storeKey = Assert.Single(a.Store.CommitLog).StoreKey;
        using var onB = new SessionClient(b.Host.Server.CreateClient()) { Cookie = onA.Cookie };

        // Every 10 days for 60 days: each gap is far past the ordinary 20 minutes, within the remembered 30 days. (The
        // test client keeps cookies whatever the fake clock says; a browser would drop A's cookie, Max-Age 30 days, at
        // day 30, since B, not knowing the session is remembered, never rolls it: only the store side is proven here.)
        for (var day = 10; day <= 60; day += 10)
        {
            _time.Advance(TimeSpan.FromDays(10));
            var now = _time.GetUtcNow();

            Assert.Equal("ok", await onB.GetStringAsync("/untouched"));

            // B does not know the persistence: one refresh with both windows, and no cookie (a browser-session one
            // would downgrade the remembered cookie).
            var (refreshedKey, expiry) = b.Store.RefreshLog[^1];
            Assert.Equal(storeKey, refreshedKey);
            Assert.Equal(new SessionExpiry(Ordinary, null, now) { PersistentIdleTimeout = Remembered }, expiry);
            Assert.Equal(day / 10, b.Store.Refreshes);
            Assert.Empty(onB.LastSessionCookies);
            Assert.Equal(0, b.Store.Loads);
            await AssertStoredAsync(store, storeKey, expiresAt: now + Remembered, persistent: true);
        }
        Assert.Equal(0, a.Store.Refreshes);
        await AssertLiveInStoreAsync(a, storeKey, live: true);

        // Loaded on A, which remembered the session: still there, and its cookie rolls with a full remembered window.
        var day60 = _time.GetUtcNow();
        onA.Cookie = onB.Cookie;
        Assert.Equal("ada persistent=True", await onA.GetStringAsync("/read"));
        var rolledOnA = Assert.Single(onA.LastSessionCookies);
        Assert.Equal(Remembered, rolledOnA.MaxAge);
        Assert.Equal(day60 + Remembered, rolledOnA.Expires);

        // Loaded on B: B learns that the session is remembered and rolls its cookie the same way, never without expiry.
        Assert.Equal("ada persistent=True", await onB.GetStringAsync("/read"));
        var rolledOnB = Assert.Single(onB.LastSessionCookies);
        Assert.Equal(Remembered, rolledOnB.MaxAge);
        Assert.Equal(day60 + Remembered, rolledOnB.Expires);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task An_ordinary_session_kept_alive_by_untouched_requests_on_an_instance_that_never_saw_it_gets_only_the_ordinary_window(string store)
    {
        var (a, b) = await StartInstancesAsync(store);
        await using var instanceA = a.Host;
        await using var instanceB = b.Host;
        using var onA = a.Host.CreateClient();
        await onA.GetStringAsync("/write?user=bob");
        var sessionCookie = Assert.Single(onA.LastSessionCookies);
        Assert.Null(sessionCookie.MaxAge);
        Assert.Null(sessionCookie.Expires);
        var storeKey = Assert.Single(a.Store.CommitLog).StoreKey;
        using var onB = new SessionClient(b.Host.Server.CreateClient()) { Cookie = onA.Cookie };

        // Every 10 minutes for 40 minutes: twice the ordinary idle window in all, each gap within it.
        for (var minute = 10; minute <= 40; minute += 10)
        {
            _time.Advance(TimeSpan.FromMinutes(10));
            var now = _time.GetUtcNow();

            Assert.Equal("ok", await onB.GetStringAsync("/untouched"));

            var (refreshedKey, expiry) = b.Store.RefreshLog[^1];
            Assert.Equal(storeKey, refreshedKey);
            Assert.Equal(new SessionExpiry(Ordinary, null, now) { PersistentIdleTimeout = Remembered }, expiry);
            Assert.Equal(minute / 10, b.Store.Refreshes);
            Assert.Empty(onB.LastSessionCookies);
            // Both windows were offered; the entry, not remembered, took the ordinary one.
            await AssertStoredAsync(store, storeKey, expiresAt: now + Ordinary, persistent: false);
        }

        Assert.Equal("bob persistent=False", await onA.GetStringAsync("/read"));
        Assert.Empty(onA.LastSessionCookies);
        Assert.Equal("bob persistent=False", await onB.GetStringAsync("/read"));
        Assert.Empty(onB.LastSessionCookies);

        // The offered 30 days were not taken: 21 minutes of silence after the last refresh end the session.
        _time.Advance(TimeSpan.FromMinutes(21));
        await AssertLiveInStoreAsync(a, storeKey, live: false);
        Assert.Equal("(none) persistent=False", await onB.GetStringAsync("/read"));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task An_ordinary_session_left_alone_past_its_window_is_not_revived_by_an_untouched_request_on_another_instance(string store)
    {
        var (a, b) = await StartInstancesAsync(store);
        await using var instanceA = a.Host;
        await using var instanceB = b.Host;
        using var onA = a.Host.CreateClient();
        await onA.GetStringAsync("/write?user=bob");
        var storeKey = Assert.Single(a.Store.CommitLog).StoreKey;
        using var onB = new SessionClient(b.Host.Server.CreateClient()) { Cookie = onA.Cookie };

        _time.Advance(TimeSpan.FromMinutes(21));

        // B still refreshes a key it does not know, offering both windows, but the store extends no expired entry.
        Assert.Equal("ok", await onB.GetStringAsync("/untouched"));
        var (refreshedKey, expiry) = Assert.Single(b.Store.RefreshLog);
        Assert.Equal(storeKey, refreshedKey);
        Assert.Equal(Remembered, expiry.PersistentIdleTimeout);
        Assert.Empty(onB.LastSessionCookies);
        await AssertStoredAsync(store, storeKey, expiresAt: EngineHost.Start + Ordinary, persistent: false);
        await AssertLiveInStoreAsync(a, storeKey, live: false);

        Assert.Equal("(none) persistent=False", await onB.GetStringAsync("/read"));
        onA.Cookie = onB.Cookie;
        Assert.Equal("(none) persistent=False", await onA.GetStringAsync("/read"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _sqliteStores)
        {
            await store.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    // Two instances over one store, one key ring (each reads the other's cookies) and one clock; each counts its own
    // store calls.
    private async Task<(Instance A, Instance B)> StartInstancesAsync(string store)
    {
        ITypedSessionStore? shared = store == "memory" ? new MemorySessionStore(_time) : null;
        var a = await StartInstanceAsync(shared ?? OpenSqlite());
        var b = await StartInstanceAsync(shared ?? OpenSqlite());
        return (a, b);
    }

    private async Task<Instance> StartInstanceAsync(ITypedSessionStore store)
    {
        var counted = new CountingSessionStore(store);
        var host = await EngineHost.CreateBuilder()
            .UseClock(_time)
            .ConfigureSessions(s =>
            {
                s.AddSingleton<IDataProtectionProvider>(_keyRing);
                s.AddSession();
                s.AddTypedSessionEngine();
                s.AddSingleton<ITypedSessionStore>(counted);
            })
            .MapEndpoints(Routes)
            .StartAsync();
        return new Instance(host, counted);
    }

    private SqliteSessionStore OpenSqlite()
    {
        var store = new SqliteSessionStore(
            Options.Create(new SqliteSessionStoreOptions { DatabasePath = DatabasePath, CleanupInterval = TimeSpan.Zero }), _time);
        _sqliteStores.Add(store);
        return store;
    }

    // The entry's expiry where the store shows it: the SQLite row. The in-memory store keeps an anonymous entry's expiry
    // to itself; there, the values read back and AssertLiveInStoreAsync are the evidence.
    private async Task AssertStoredAsync(string store, string storeKey, DateTimeOffset expiresAt, bool persistent)
    {
        if (store != "sqlite")
        {
            return;
        }
        var row = await ReadRowAsync(storeKey);
        Assert.Equal(expiresAt, row.ExpiresAt);
        Assert.Equal(persistent, row.Persistent);
    }

    // Whether the store itself counts the entry live now, apart from the engine, which also checks the idle window of
    // what it loads: the in-memory store's sweep drops what it counts expired; the SQLite row carries its expiry.
    private async Task AssertLiveInStoreAsync(Instance instance, string storeKey, bool live)
    {
        if (instance.Store.Inner is MemorySessionStore memory)
        {
            memory.RemoveExpired();
            Assert.Equal(live, memory.Holds(storeKey));
            return;
        }
        Assert.Equal(live, (await ReadRowAsync(storeKey)).ExpiresAt > _time.GetUtcNow());
    }

    private async Task<(DateTimeOffset ExpiresAt, bool Persistent)> ReadRowAsync(string storeKey)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT expires_at, persistent FROM typedsession_sessions WHERE store_key = $key";
        command.Parameters.AddWithValue("$key", storeKey);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "The session's row is gone.");
        return (DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetInt64(1) == 1);
    }

    private sealed record Instance(EngineHost Host, CountingSessionStore Store);
}
