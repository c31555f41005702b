using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TypedSession.Stores;

namespace TypedSession.Tests.Stores;

/// <summary>
/// The native in-memory store on a fake clock: the contract of the stores with a per-user index, plus what only memory
/// can get wrong: values shared with the caller, expired entries that pile up, and the engine's default registration.
/// </summary>
public sealed class MemorySessionStoreTests : SessionIndexStoreContractTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 30, 0, TimeSpan.Zero));
    private readonly MemorySessionStore _store;

    public MemorySessionStoreTests() => _store = new MemorySessionStore(_time);

    protected override ITypedSessionStore Store => _store;

    protected override DateTimeOffset Now => _time.GetUtcNow();

    protected override Task PassAsync(TimeSpan time)
    {
        _time.Advance(time);
        return Task.CompletedTask;
    }

    protected override Task AssertNothingStoredAsync(string storeKey)
    {
        Assert.False(_store.Holds(storeKey));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Values_handed_in_are_copied_and_values_handed_out_are_the_callers_own()
    {
        var key = NewKey();
        var values = Values(("a", "1"), ("b", "1"));
        await CreateAsync(key, values);
        var changed = Values(("c", "1"));
        await ChangeAsync(key, changed);

        // The engine reuses its dictionaries, and the application may still hold the arrays it set.
        values["a"][0] = (byte)'x';
        values["z"] = Bytes("added later");
        values.Remove("b");
        changed["c"][0] = (byte)'x';
        changed["d"] = Bytes("added later");

        var loaded = await LoadExistingAsync(key);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "1", ["c"] = "1" }, Texts(loaded));

        // What a load returns is the caller's to change, arrays included.
        var taken = Assert.IsType<Dictionary<string, byte[]>>(loaded.Values);
        Assert.Same(StringComparer.Ordinal, taken.Comparer);
        taken["a"][0] = (byte)'x';
        taken.Remove("b");
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "1", ["c"] = "1" }, Texts(await LoadExistingAsync(key)));
    }

    [Fact]
    public async Task Expired_anonymous_entries_are_swept_by_a_later_new_session()
    {
        var store = new MemorySessionStore(_time, TimeSpan.FromMinutes(1));
        var values = Values(("a", "1"));
        for (var i = 0; i < 1000; i++)
        {
            await store.CommitAsync(NewKey(), new SessionCommit(values, values, [], true, Created, Expiry(TimeSpan.FromMinutes(5))) { CreatesEntry = true }, default);
        }
        Assert.Equal(1000, store.Count);

        _time.Advance(TimeSpan.FromMinutes(6));
        var kept = NewKey();
        await store.CommitAsync(kept, new SessionCommit(values, values, [], true, Created, Expiry(TimeSpan.FromMinutes(20))) { CreatesEntry = true }, default);

        // The new session started a sweep on the thread pool.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (store.Count > 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
        Assert.Equal(1, store.Count);
        Assert.True(store.Holds(kept));
    }

    [Fact]
    public async Task A_sweep_drops_expired_entries_but_leaves_logged_in_ones_in_the_index_until_taken()
    {
        var user = NewUser();
        var anonymous = NewKey();
        await Store.CommitAsync(anonymous, new SessionCommit(Values(), Values(), [], true, Created, Expiry(TimeSpan.FromMinutes(5))) { CreatesEntry = true }, default);
        var loggedIn = await LogInAsync(user, idle: TimeSpan.FromMinutes(5));
        var live = await LogInAsync(user, idle: TimeSpan.FromMinutes(30));

        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(2, _store.RemoveExpired());
        Assert.Equal(1, _store.Count);
        Assert.Null(await Store.LoadAsync(loggedIn.Key, default));
        var taken = await _store.TakeExpiredAsync(Now, 100, default);
        Assert.Equal(loggedIn.Key, Assert.Single(taken, s => s.Owner.UserId == user).StorageKey);
        Assert.Empty(await _store.TakeExpiredAsync(Now, 100, default));
        Assert.Equal([live.Key], (await _store.GetSessionsAsync(user, Now, default)).Select(s => s.StorageKey));
    }

    [Fact]
    public async Task A_logged_out_user_leaves_nothing_behind()
    {
        var user = NewUser();
        var (key, _, _) = await LogInAsync(user);

        await Store.DeleteAsync(key, default);

        Assert.Equal(0, _store.Count);
        Assert.Equal(0, _store.UserCount);
    }

    [Fact]
    public async Task Parallel_requests_of_one_session_setting_different_keys_all_persist_with_the_default_registration()
    {
        await using var host = await EngineHost.CreateBuilder()
            .ConfigureSessions(s =>
            {
                s.AddSession();
                s.AddTypedSessionEngine();
            })
            .MapEndpoints(endpoints =>
            {
                endpoints.MapGet("/start", async context =>
                {
                    await context.Session.LoadAsync();
                    context.Session.SetString("start", "yes");
                });
                endpoints.MapGet("/set/{i}", async context =>
                {
                    await context.Session.LoadAsync();
                    var i = (string)context.Request.RouteValues["i"]!;
                    context.Session.SetString("key" + i, "value" + i);
                });
                endpoints.MapGet("/keys", async context =>
                {
                    await context.Session.LoadAsync();
                    await context.Response.WriteAsync(string.Join(',', context.Session.Keys.Where(k => k.StartsWith("key", StringComparison.Ordinal)).Order(StringComparer.Ordinal)));
                });
            })
            .StartAsync();
        Assert.IsType<MemorySessionStore>(host.Services.GetRequiredService<ITypedSessionStore>());
        using var client = new SessionClient(host.Server.CreateClient());
        await client.GetStringAsync("/start");

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => client.GetStringAsync($"/set/{i}"))));

        var keys = (await client.GetStringAsync("/keys")).Split(',');
        Assert.Equal(Enumerable.Range(0, 50).Select(i => "key" + i).Order(StringComparer.Ordinal), keys);
    }
}
