using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TypedSession.Stores;
using TypedSession.Stores.Redis;

namespace TypedSession.Tests.Stores.Redis;

/// <summary>
/// The Redis store against a three-node Redis Cluster: the store and index contracts, where a session's hash and its
/// user's index keys live in different slots (usually on different nodes).
/// </summary>
public sealed class RedisClusterSessionStoreTests : SessionIndexStoreContractTests, IClassFixture<RedisClusterFixture>, IAsyncLifetime
{
    private readonly RedisClusterFixture _cluster;
    private RedisSessionStore _store = null!;
    private ConnectionMultiplexer _inspector = null!;

    public RedisClusterSessionStoreTests(RedisClusterFixture cluster) => _cluster = cluster;

    protected override ITypedSessionStore Store => _store;

    protected override async Task AssertNothingStoredAsync(string storeKey) =>
        Assert.False(await _inspector.GetDatabase().KeyExistsAsync($"typedsession:{{{storeKey}}}"), "A fragment of the session was left in Redis.");

    public async Task InitializeAsync()
    {
        _store = new RedisSessionStore(Options.Create(new RedisSessionStoreOptions { Configuration = _cluster.Configuration }));
        _inspector = await ConnectionMultiplexer.ConnectAsync(_cluster.Configuration);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _inspector.DisposeAsync();
    }

    [Fact]
    public async Task The_cluster_has_three_primaries_and_a_user_index_lives_in_one_slot()
    {
        Assert.Equal(3, _inspector.GetServers().Count(s => !s.IsReplica));
        var user = NewUser();
        await LogInAsync(user);
        await LogInAsync(user);

        var slots = new[] { "e", "a", "s" }.Select(part => _inspector.HashSlot($"typedsession:u:{{{user}}}:{part}")).Distinct();
        Assert.Single(slots);
        Assert.True(await _inspector.GetDatabase().KeyExistsAsync($"typedsession:u:{{{user}}}:s"));
    }
}
