using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace TypedSession.Tests.ScaleOut;

/// <summary>
/// TypedSession's Redis store and the stock session over the stock Redis cache, side by side against one real Redis:
/// lost updates under parallel requests, commands per request, and behaviour while Redis is down.
/// </summary>
public sealed class RedisScaleOutTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _keyRing = Directory.CreateTempSubdirectory("typedsession-keys-").FullName;
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        Directory.Delete(_keyRing, recursive: true);
    }

    [Fact]
    public async Task Fifty_parallel_requests_setting_different_keys_all_persist()
    {
        var ours = await CountKeptOfFiftyParallelWritesAsync(RedisSessionSetups.TypedSession(_redis.Configuration));
        var stock = await CountKeptOfFiftyParallelWritesAsync(RedisSessionSetups.Stock(_redis.Configuration));

        output.WriteLine($"Keys present after 50 parallel writes of one session: TypedSession {ours}/50, stock session over IDistributedCache {stock}/50.");
        Assert.Equal(50, ours);
    }

    [Fact]
    public async Task Requests_send_no_more_commands_to_Redis_than_the_floor()
    {
        var ours = await MeasureCommandsAsync(RedisSessionSetups.TypedSession(_redis.Configuration));
        var stock = await MeasureCommandsAsync(RedisSessionSetups.Stock(_redis.Configuration));
        // An untouched request that is due for a refresh: a threshold of 0 makes every one due. The stock session
        // refreshes every untouched request anyway.
        ours = WithRow(ours, UntouchedDue, await MeasureUntouchedDueAsync(RedisSessionSetups.TypedSession(_redis.Configuration)));
        stock = WithRow(stock, UntouchedDue, stock["untouched"]);
        foreach (var (request, commands) in ours)
        {
            output.WriteLine($"{request}: TypedSession {Total(commands)} ({string.Join(", ", commands.Keys)}); stock {Total(stock[request])} ({string.Join(", ", stock[request].Keys)})");
        }

        Assert.Equal(0, Total(ours["untouched"]));
        // One EVALSHA whose script runs PEXPIRE (the existence check) and HSET of the refresh time: one round trip.
        Assert.Equal(3, Total(ours[UntouchedDue]));
        Assert.Equal(1, Total(ours["read-only"]));
        // The load, then one EVALSHA whose script runs PEXPIRE (the existence check) and HSET: two round trips.
        Assert.Equal(4, Total(ours["writing"]));
        Assert.True(Total(stock["untouched"]) > 0, "The stock session is expected to refresh even an untouched session.");

        await PerformanceDocument.CheckOrUpdateRoundTripTableAsync(ours, stock);
    }

    [Fact]
    public async Task While_Redis_is_down_the_app_reports_the_session_unavailable_and_recovers_when_it_returns()
    {
        await using var app = await SessionKeysApp.StartAsync(RedisSessionSetups.TypedSession(_redis.Configuration), _keyRing);
        using var client = app.CreateClient();
        await client.SetAsync("name", "ada");
        Assert.Equal("ada", await client.GetStringAsync("/read"));

        await _redis.StopAsync();
        using (var write = await client.SendAsync("/set/name/bob", HttpMethod.Post))
        {
            // The write is not pretended: the request fails with a server error instead of a silent loss.
            Assert.True(write.StatusCode >= HttpStatusCode.InternalServerError, $"A write while Redis is down answered {write.StatusCode}.");
        }

        using (var read = await client.SendAsync("/read", HttpMethod.Get))
        {
            output.WriteLine($"Read while Redis is down: {(int)read.StatusCode} '{await read.Content.ReadAsStringAsync()}'");
            Assert.NotEqual("bob", await read.Content.ReadAsStringAsync());
        }

        Assert.Equal("untouched", await client.GetStringAsync("/untouched"));

        await _redis.StartAgainAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        HttpStatusCode status;
        do
        {
            await Task.Delay(250);
            using var retry = await client.SendAsync("/set/name/carol", HttpMethod.Post);
            status = retry.StatusCode;
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("carol", await client.GetStringAsync("/read"));
    }

    private async Task<int> CountKeptOfFiftyParallelWritesAsync(Action<IServiceCollection> setup)
    {
        await using var app = await SessionKeysApp.StartAsync(setup, _keyRing);
        using var client = app.CreateClient();
        await client.SetAsync("start", "1");

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.SetAsync($"key{i}", $"value{i}")));

        var keys = (await client.GetStringAsync("/keys")).Split(',');
        return keys.Count(k => k.StartsWith("key", StringComparison.Ordinal));
    }

    private async Task<Dictionary<string, IReadOnlyDictionary<string, long>>> MeasureCommandsAsync(Action<IServiceCollection> setup)
    {
        await using var app = await SessionKeysApp.StartAsync(setup, _keyRing);
        using var client = app.CreateClient();
        using var newcomer = app.CreateClient();

        // Warm up: connections open, the session exists and the Redis store's guarded-write script is loaded (once per
        // connection; later writes call it by hash) before anything is counted.
        await client.SetAsync("name", "ada");
        await client.SetAsync("name", "grace");
        await client.GetStringAsync("/read");
        await client.GetStringAsync("/untouched");

        var measured = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal)
        {
            ["untouched"] = await CountAsync(() => client.GetStringAsync("/untouched")),
            ["read-only"] = await CountAsync(() => client.GetStringAsync("/read")),
            ["writing"] = await CountAsync(() => client.SetAsync("name", "bob")),
            ["first write of a new session"] = await CountAsync(() => newcomer.SetAsync("name", "eve")),
        };
        return measured;
    }

    private const string UntouchedDue = "untouched, refresh due (once per refresh window)";

    private async Task<IReadOnlyDictionary<string, long>> MeasureUntouchedDueAsync(Action<IServiceCollection> setup)
    {
        await using var app = await SessionKeysApp.StartAsync(
            services =>
            {
                setup(services);
                services.Configure<TypedSessionOptions>(o => o.RefreshThreshold = 0);
            },
            _keyRing);
        using var client = app.CreateClient();
        await client.SetAsync("name", "ada");
        await client.GetStringAsync("/untouched");
        return await CountAsync(() => client.GetStringAsync("/untouched"));
    }

    // The row goes right after "untouched", so that the table reads from the cheapest request up.
    private static Dictionary<string, IReadOnlyDictionary<string, long>> WithRow(
        Dictionary<string, IReadOnlyDictionary<string, long>> rows, string name, IReadOnlyDictionary<string, long> row)
    {
        var ordered = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        foreach (var (request, commands) in rows)
        {
            ordered[request] = commands;
            if (request == "untouched")
            {
                ordered[name] = row;
            }
        }
        return ordered;
    }

    private async Task<IReadOnlyDictionary<string, long>> CountAsync(Func<Task> request)
    {
        await _redis.ResetCommandStatsAsync();
        await request();
        return await _redis.CommandStatsAsync();
    }

    private static long Total(IReadOnlyDictionary<string, long> commands) => commands.Values.Sum();
}
