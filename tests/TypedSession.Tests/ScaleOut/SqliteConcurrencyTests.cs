using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSession.Tests.ScaleOut;

/// <summary>TypedSession's engine over the SQLite store, through HTTP: parallel requests of one session lose nothing.</summary>
public sealed class SqliteConcurrencyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("typedsession-sqlite-http-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Fifty_parallel_requests_setting_different_keys_all_persist_in_SQLite()
    {
        await using var app = await SessionKeysApp.StartAsync(
            services =>
            {
                services.AddSession();
                services.AddTypedSessionEngine();
                services.AddTypedSessionSqliteStore(Path.Combine(_directory, "sessions.db"));
            },
            Path.Combine(_directory, "keys"));
        using var client = app.CreateClient();
        await client.SetAsync("start", "1");

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.SetAsync($"key{i}", $"value{i}")));

        var keys = (await client.GetStringAsync("/keys")).Split(',');
        Assert.Equal(50, keys.Count(k => k.StartsWith("key", StringComparison.Ordinal)));
    }
}
