using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TypedSession.Stores;
using TypedSession.Stores.Redis;
using TypedSession.Stores.Sqlite;
using TypedSession.Tests.Engine;

namespace TypedSession.Tests.Stores;

/// <summary>
/// A copy of the store opens no session: through HTTP with the stock middleware, neither Redis's keys and values nor
/// SQLite's rows contain any key a session cookie carries, nor any session id.
/// </summary>
public sealed class SessionKeysAtRestTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static void Routes(IEndpointRouteBuilder e) =>
        e.MapGet("/set/{value}", async (HttpContext c, string value) =>
        {
            await c.Session.LoadAsync();
            c.Session.SetString("user", value);
            return c.Session.Id;
        });

    [Fact]
    public async Task Redis_holds_no_key_a_cookie_carries()
    {
        var prefix = $"atrest{Guid.NewGuid():N}:";
        await using var store = new RedisSessionStore(Options.Create(new RedisSessionStoreOptions { Configuration = redis.Server.Configuration, KeyPrefix = prefix }));
        var (keys, ids) = await RunSessionsAsync(store);

        await using var inspector = await ConnectionMultiplexer.ConnectAsync(redis.Server.Configuration);
        var dump = new StringBuilder();
        var server = inspector.GetServer(inspector.GetEndPoints()[0]);
        var sessions = server.Keys(pattern: prefix + "*").ToList();
        Assert.Equal(keys.Count, sessions.Count);
        foreach (var key in sessions)
        {
            dump.Append((string?)key).Append('\n');
            foreach (var entry in await inspector.GetDatabase().HashGetAllAsync(key))
            {
                dump.Append(Encoding.UTF8.GetString((byte[])entry.Name!)).Append('=').Append(Encoding.UTF8.GetString((byte[])entry.Value!)).Append('\n');
            }
        }

        AssertContainsNone(dump.ToString(), keys, ids);
        Assert.All(keys, key => Assert.Contains($"{{{SessionIds.StorageKeyOf(key)}}}", dump.ToString()));
    }

    [Fact]
    public async Task SQLite_rows_hold_no_key_a_cookie_carries()
    {
        var directory = Directory.CreateTempSubdirectory("typedsession-atrest-").FullName;
        try
        {
            var path = Path.Combine(directory, "sessions.db");
            List<string> keys, ids;
            await using (var store = new SqliteSessionStore(Options.Create(new SqliteSessionStoreOptions { DatabasePath = path, CleanupInterval = TimeSpan.Zero })))
            {
                (keys, ids) = await RunSessionsAsync(store);
            }

            var dump = new StringBuilder();
            await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                await connection.OpenAsync();
                foreach (var sql in new[] { "SELECT store_key FROM typedsession_sessions", "SELECT store_key || '|' || name || '|' || CAST(value AS TEXT) FROM typedsession_values" })
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = sql;
                    await using var reader = await command.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        dump.Append(reader.GetString(0)).Append('\n');
                    }
                }
            }

            AssertContainsNone(dump.ToString(), keys, ids);
            Assert.All(keys, key => Assert.Contains(SessionIds.StorageKeyOf(key), dump.ToString()));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    // Three sessions written twice each (a first write and an update); returns the keys their cookies carry and their ids.
    private static async Task<(List<string> Keys, List<string> Ids)> RunSessionsAsync(ITypedSessionStore store)
    {
        await using var host = await EngineHost.StartAsync(Routes, services: s => s.AddSingleton(store));
        var keys = new List<string>();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var client = host.CreateClient();
            ids.Add(await client.GetStringAsync($"/set/first{i}"));
            await client.GetStringAsync($"/set/second{i}");
            keys.Add(StrictSessionIdTests.KeyOf(host, client.Cookie!));
        }
        return (keys, ids);
    }

    private static void AssertContainsNone(string dump, List<string> keys, List<string> ids)
    {
        Assert.All(keys, key =>
        {
            Assert.DoesNotContain(key, dump, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(key.Replace("-", "", StringComparison.Ordinal), dump, StringComparison.OrdinalIgnoreCase);
        });
        Assert.All(ids, id => Assert.DoesNotContain(id, dump, StringComparison.OrdinalIgnoreCase));
    }
}
