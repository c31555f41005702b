using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TypedSession.Stores;
using TypedSession.Stores.Redis;
using TypedSession.Tests.Stores.Support;

namespace TypedSession.Tests.Stores.Redis;

/// <summary>The Redis store against a real redis-server: the store and index contracts, plus what Redis itself must show.</summary>
public sealed class RedisSessionStoreTests : SessionIndexStoreContractTests, IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private readonly RedisServer _server;
    private RedisSessionStore _store = null!;
    private ConnectionMultiplexer _inspector = null!;

    public RedisSessionStoreTests(RedisServerFixture fixture) => _server = fixture.Server;

    protected override ITypedSessionStore Store => _store;

    private IDatabase Redis => _inspector.GetDatabase();

    private static RedisKey RedisKeyOf(string storeKey) => $"typedsession:{{{storeKey}}}";

    protected override async Task AssertNothingStoredAsync(string storeKey) =>
        Assert.False(await Redis.KeyExistsAsync(RedisKeyOf(storeKey)), "A fragment of the session was left in Redis.");

    public async Task InitializeAsync()
    {
        _store = new RedisSessionStore(Options.Create(new RedisSessionStoreOptions { Configuration = _server.Configuration }));
        _inspector = await ConnectionMultiplexer.ConnectAsync(_server.Configuration);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _inspector.DisposeAsync();
    }

    [Fact]
    public async Task Session_is_one_hash_with_one_field_per_key_under_the_prefix()
    {
        var key = NewKey();
        await CreateAsync(key, Values(("user", "ada"), ("cart", "3")));

        var fields = (await Redis.HashKeysAsync(RedisKeyOf(key))).Select(f => (byte[])f!).ToList();

        Assert.Equal(RedisType.Hash, await Redis.KeyTypeAsync(RedisKeyOf(key)));
        Assert.Contains(fields, f => f.SequenceEqual("user"u8.ToArray()));
        Assert.Contains(fields, f => f.SequenceEqual("cart"u8.ToArray()));
        Assert.Equal(2, fields.Count(f => f[0] == 0xFF));
        Assert.Equal("", (await _server.CliAsync("keys", "*replacing*")).Trim());
    }

    [Fact]
    public async Task Time_to_live_is_the_idle_timeout_cut_short_by_the_absolute_expiry()
    {
        var idleOnly = NewKey();
        var cutShort = NewKey();
        var now = DateTimeOffset.UtcNow;
        var values = Values(("a", "1"));

        await Store.CommitAsync(idleOnly, new SessionCommit(values, values, [], true, now, new SessionExpiry(TimeSpan.FromMinutes(20), now.AddHours(24), now)) { CreatesEntry = true }, default);
        await Store.CommitAsync(cutShort, new SessionCommit(values, values, [], true, now, new SessionExpiry(TimeSpan.FromMinutes(20), now.AddMinutes(5), now)) { CreatesEntry = true }, default);

        var idleTtl = await Redis.KeyTimeToLiveAsync(RedisKeyOf(idleOnly));
        var shortTtl = await Redis.KeyTimeToLiveAsync(RedisKeyOf(cutShort));
        Assert.InRange(idleTtl!.Value, TimeSpan.FromMinutes(19), TimeSpan.FromMinutes(20));
        Assert.InRange(shortTtl!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Per_key_commit_and_refresh_extend_the_time_to_live()
    {
        var key = NewKey();
        await CreateAsync(key, Values(("a", "1")));
        await Redis.KeyExpireAsync(RedisKeyOf(key), TimeSpan.FromSeconds(30));

        await ChangeAsync(key, Values(("b", "1")));
        var afterCommit = await Redis.KeyTimeToLiveAsync(RedisKeyOf(key));
        await Redis.KeyExpireAsync(RedisKeyOf(key), TimeSpan.FromSeconds(30));
        await Store.RefreshAsync(key, Expiry(), default);
        var afterRefresh = await Redis.KeyTimeToLiveAsync(RedisKeyOf(key));

        Assert.InRange(afterCommit!.Value, TimeSpan.FromMinutes(19), TimeSpan.FromMinutes(20));
        Assert.InRange(afterRefresh!.Value, TimeSpan.FromMinutes(19), TimeSpan.FromMinutes(20));
    }

    [Fact]
    public async Task Each_operation_sends_the_fewest_commands()
    {
        var key = NewKey();
        await Store.LoadAsync(NewKey(), default);
        var create = await CountCommandsAsync(() => CreateAsync(key, Values(("a", "1"), ("b", "1"))));
        await Store.LoadAsync(key, default);
        // The first update also loads the guarded-write script into Redis; every later one calls it by hash.
        await ChangeAsync(key, Values(("a", "1")));

        var load = await CountCommandsAsync(() => Store.LoadAsync(key, default));
        var change = await CountCommandsAsync(() => ChangeAsync(key, Values(("a", "2"))));
        var changeAndRemove = await CountCommandsAsync(() => ChangeAsync(key, Values(("a", "3")), "b"));
        var refresh = await CountCommandsAsync(() => Store.RefreshAsync(key, Expiry(), default));
        var clear = await CountCommandsAsync(() => ReplaceAsync(key, Values(("c", "1"))));
        var delete = await CountCommandsAsync(() => Store.DeleteAsync(key, default));

        // StackExchange.Redis names multi-field HSET "HMSET" and whole-second PEXPIRE "EXPIRE": same cost. Commands a
        // script runs count besides the EVALSHA that runs it; each line is one round trip.
        Assert.Matches("^(expire|pexpire)=1 (hmset|hset)=1 rename=1$", create);
        Assert.Equal("hgetall=1", load);
        Assert.Equal("evalsha=1 hset=1 pexpire=1", change);
        Assert.Equal("evalsha=1 hdel=1 hset=1 pexpire=1", changeAndRemove);
        Assert.Equal("evalsha=1 hset=1 pexpire=1", refresh);
        Assert.Equal("del=1 evalsha=1 hmget=1 hset=2 pexpire=2", clear);
        // The owner is read in the same round trip, to remove a logged-in session's index entry.
        Assert.Equal("hget=1 unlink=1", delete);
    }

    [Fact]
    public async Task A_foreign_value_at_the_session_key_is_reported_as_corrupt()
    {
        var notAHash = NewKey();
        var badField = NewKey();
        await Redis.StringSetAsync(RedisKeyOf(notAHash), "someone else's string");
        await CreateAsync(badField, Values(("a", "1")));
        await Redis.HashSetAsync(RedisKeyOf(badField), new byte[] { 0xC3, 0x28 }, "not UTF-8");

        await Assert.ThrowsAsync<CorruptSessionEntryException>(() => Store.LoadAsync(notAHash, default));
        await Assert.ThrowsAsync<CorruptSessionEntryException>(() => Store.LoadAsync(badField, default));

        // The engine answers a corrupt entry with a fresh session, which replaces it.
        await CreateAsync(notAHash, Values(("fresh", "1")));
        Assert.Equal("1", Texts(await LoadExistingAsync(notAHash))["fresh"]);
    }

    [Fact]
    public async Task Unreadable_metadata_is_reported_as_corrupt()
    {
        var key = NewKey();
        await CreateAsync(key, Values(("a", "1")));
        await Redis.HashSetAsync(RedisKeyOf(key), new byte[] { 0xFF, (byte)'c' }, "yesterday");

        await Assert.ThrowsAsync<CorruptSessionEntryException>(() => Store.LoadAsync(key, default));
    }

    [Fact]
    public async Task Key_prefix_and_database_are_honoured()
    {
        await using var store = new RedisSessionStore(Options.Create(new RedisSessionStoreOptions
        {
            Configuration = _server.Configuration,
            KeyPrefix = "app2:",
            Database = 3,
        }));
        var key = NewKey();
        var values = Values(("a", "1"));

        await store.CommitAsync(key, new SessionCommit(values, values, [], true, Created, Expiry()) { CreatesEntry = true }, default);

        Assert.True(await _inspector.GetDatabase(3).KeyExistsAsync("app2:{" + key + "}"));
        Assert.False(await Redis.KeyExistsAsync(RedisKeyOf(key)));
        Assert.NotNull(await store.LoadAsync(key, default));
    }

    [Fact]
    public async Task An_existing_connection_is_used_and_left_open()
    {
        var services = new ServiceCollection();
        services.AddTypedSessionRedisStore(_inspector);
        await using (var provider = services.BuildServiceProvider())
        {
            var store = provider.GetRequiredService<ITypedSessionStore>();
            Assert.IsType<RedisSessionStore>(store);
            var key = NewKey();
            var values = Values(("a", "1"));
            await store.CommitAsync(key, new SessionCommit(values, values, [], true, Created, Expiry()) { CreatesEntry = true }, default);
            Assert.True(await Redis.KeyExistsAsync(RedisKeyOf(key)));
        }

        Assert.True(_inspector.IsConnected);
    }

    [Fact]
    public async Task A_connection_registered_in_the_container_is_used_when_the_options_name_none()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConnectionMultiplexer>(_inspector);
        services.AddTypedSessionRedisStore();
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<ITypedSessionStore>();
        var key = NewKey();
        var values = Values(("a", "1"));
        await store.CommitAsync(key, new SessionCommit(values, values, [], true, Created, Expiry()) { CreatesEntry = true }, default);

        Assert.True(await Redis.KeyExistsAsync(RedisKeyOf(key)));
    }

    [Fact]
    public void Registration_without_any_connection_fails_with_a_clear_message()
    {
        var services = new ServiceCollection();
        services.AddTypedSessionRedisStore();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RedisSessionStoreOptions>>().Value);
        Assert.Contains("IConnectionMultiplexer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_replaces_a_store_registered_before()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ITypedSessionStore>(new UnusedStore());
        services.AddTypedSessionRedisStore(_server.Configuration);

        Assert.Single(services, d => d.ServiceType == typeof(ITypedSessionStore));
        using var provider = services.BuildServiceProvider();
        Assert.IsType<RedisSessionStore>(provider.GetRequiredService<ITypedSessionStore>());
    }

    [Fact]
    public async Task While_Redis_is_down_calls_fail_as_unavailable_and_succeed_again_after_it_returns()
    {
        await using var server = await RedisServer.StartAsync();
        await using var store = new RedisSessionStore(Options.Create(new RedisSessionStoreOptions { Configuration = server.Configuration }));
        var key = NewKey();
        var values = Values(("a", "1"));
        await store.CommitAsync(key, new SessionCommit(values, values, [], true, Created, Expiry()) { CreatesEntry = true }, default);

        await server.StopAsync();
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => store.LoadAsync(key, default));
        Assert.IsNotType<CorruptSessionEntryException>(failure);

        await server.StartAgainAsync();
        var recovered = await EventuallyAsync(async () =>
        {
            await store.CommitAsync(key, new SessionCommit(values, values, [], true, Created, Expiry()) { CreatesEntry = true }, default);
            return await store.LoadAsync(key, default);
        });
        Assert.Equal("1", Texts(recovered!)["a"]);
    }

    [Fact]
    public async Task Thousands_of_expired_logins_leave_no_keys_once_taken()
    {
        var prefix = $"growth-{Guid.NewGuid():N}:";
        await using var store = new RedisSessionStore(Options.Create(new RedisSessionStoreOptions { Configuration = _server.Configuration, KeyPrefix = prefix }));
        var users = Enumerable.Range(0, 400).Select(_ => NewUser()).ToList();
        var values = Values(("a", "1"));
        Task<SessionLoginResult> LogIn(string user, TimeSpan idle) => store.LogInAsync(
            NewKey(),
            new SessionCommit(values, values, [], true, Created, Expiry(idle)) { CreatesEntry = true, Owner = new SessionOwner(user, Guid.NewGuid().ToString("D")) },
            new SessionLimit(10, SessionLimitPolicy.EvictLeastRecentlyUsed),
            null,
            default);

        await LogIn(users[0], TimeSpan.FromMinutes(20));
        foreach (var chunk in Enumerable.Range(0, 2000).Chunk(200))
        {
            await Task.WhenAll(chunk.Select(i => LogIn(users[i % users.Count], TimeSpan.FromMilliseconds(500))));
        }
        await Task.Delay(TimeSpan.FromMilliseconds(1500));

        var taken = 0;
        while ((await store.TakeExpiredAsync(Now, 300, default)) is { Count: > 0 } batch)
        {
            Assert.True(batch.Count <= 300);
            taken += batch.Count;
        }

        Assert.Equal(2000, taken);
        var left = new List<string>();
        await foreach (var key in _inspector.GetServer(_server.Configuration).KeysAsync(pattern: prefix + "*"))
        {
            left.Add(key.ToString());
        }
        // The live session's hash and its user's three index keys.
        Assert.Equal(4, left.Count);
        Assert.Single(await store.GetSessionsAsync(users[0], Now, default));
        Assert.All(left, key => Assert.True(_inspector.GetDatabase().KeyTimeToLive(key) is { } ttl && ttl <= TimeSpan.FromMinutes(20) + RedisSessionStore.IndexGracePeriod));
    }

    [Fact]
    public async Task An_owned_write_and_refresh_cost_one_round_trip_and_an_anonymous_refresh_no_extra_command()
    {
        var user = NewUser();
        var (key, owner, _) = await LogInAsync(user);
        var anonymous = NewKey();
        await CreateAsync(anonymous, Values(("a", "1")));
        var changed = Values(("a", "2"));
        Task Change() => Store.CommitAsync(key, new SessionCommit(changed, changed, [], false, Created, Expiry()) { Owner = owner }, default);
        await Change();
        await Store.RefreshAsync(key, Expiry() with { Owner = owner }, default);
        await Store.RefreshAsync(anonymous, Expiry(), default);
        await ((ISessionIndexStore)Store).GetSessionsAsync(user, Now, default);

        var write = await CountCommandsAsync(Change);
        var refresh = await CountCommandsAsync(() => Store.RefreshAsync(key, Expiry() with { Owner = owner }, default));
        var anonymousRefresh = await CountCommandsAsync(() => Store.RefreshAsync(anonymous, Expiry(), default));
        var list = await CountCommandsAsync(() => ((ISessionIndexStore)Store).GetSessionsAsync(user, Now, default));

        // The session's script and the index touch (ZSCORE, two ZADD XX, ZRANGE, three PEXPIREAT), sent together.
        Assert.Equal("evalsha=2 hset=1 pexpire=1 pexpireat=3 zadd=2 zrange=1 zscore=1", write);
        Assert.Equal("evalsha=2 hset=1 pexpire=1 pexpireat=3 zadd=2 zrange=1 zscore=1", refresh);
        Assert.Equal("evalsha=1 hset=1 pexpire=1", anonymousRefresh);
        Assert.StartsWith("evalsha=1 ", list, StringComparison.Ordinal);
    }

    private async Task<string> CountCommandsAsync(Func<Task> operation)
    {
        await _server.ResetCommandStatsAsync();
        await operation();
        var stats = await _server.CommandStatsAsync();
        return string.Join(' ', stats.Select(s => $"{s.Key}={s.Value}"));
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> attempt)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
