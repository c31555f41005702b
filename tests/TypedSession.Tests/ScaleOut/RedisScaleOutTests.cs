using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TypedSession.Tests.Infrastructure;
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
        foreach (var (request, commands) in ours)
        {
            output.WriteLine($"{request}: TypedSession {Total(commands)} ({string.Join(", ", commands.Keys)}); stock {Total(stock[request])} ({string.Join(", ", stock[request].Keys)})");
        }

        Assert.Equal(0, Total(ours["untouched"]));
        Assert.Equal(1, Total(ours["read-only"]));
        Assert.Equal(3, Total(ours["writing"]));
        Assert.True(Total(stock["untouched"]) > 0, "The stock session is expected to refresh even an untouched session.");

        await PerformanceDocument.CheckOrUpdateRoundTripTableAsync(ours, stock);
    }

    [Fact]
    public async Task While_Redis_is_down_the_app_reports_the_session_unavailable_and_recovers_when_it_returns()
    {
        await using var app = await SessionTestApp.StartAsync(RedisSessionSetups.TypedSession(_redis.Configuration), _keyRing);
        using var client = app.CreateClient();
        await client.SetAsync("name", "ada");
        Assert.Equal("ada", await client.GetStringAsync("/read"));

        await _redis.StopAsync();
        using (var write = await client.SendAsync(HttpMethod.Post, "/set/name/bob"))
        {
            // The write is not pretended: the request fails with a server error instead of a silent loss.
            Assert.True(write.StatusCode >= HttpStatusCode.InternalServerError, $"A write while Redis is down answered {write.StatusCode}.");
        }

        using (var read = await client.SendAsync(HttpMethod.Get, "/read"))
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
            using var retry = await client.SendAsync(HttpMethod.Post, "/set/name/carol");
            status = retry.StatusCode;
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("carol", await client.GetStringAsync("/read"));
    }

    private async Task<int> CountKeptOfFiftyParallelWritesAsync(Action<IServiceCollection> setup)
    {
        await using var app = await SessionTestApp.StartAsync(setup, _keyRing);
        using var client = app.CreateClient();
        await client.SetAsync("start", "1");

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.SetAsync($"key{i}", $"value{i}")));

        var keys = (await client.GetStringAsync("/keys")).Split(',');
        return keys.Count(k => k.StartsWith("key", StringComparison.Ordinal));
    }

    private async Task<Dictionary<string, IReadOnlyDictionary<string, long>>> MeasureCommandsAsync(Action<IServiceCollection> setup)
    {
        await using var app = await SessionTestApp.StartAsync(setup, _keyRing);
        using var client = app.CreateClient();
        using var newcomer = app.CreateClient();

        // Warm up: connections open and the session exists before anything is counted.
        await client.SetAsync("name", "ada");
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

    private async Task<IReadOnlyDictionary<string, long>> CountAsync(Func<Task> request)
    {
        await _redis.ResetCommandStatsAsync();
        await request();
        return await _redis.CommandStatsAsync();
    }

    private static long Total(IReadOnlyDictionary<string, long> commands) => commands.Values.Sum();
}
