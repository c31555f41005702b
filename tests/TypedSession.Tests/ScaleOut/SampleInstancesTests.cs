using TypedSession.Tests.Integration;

namespace TypedSession.Tests.ScaleOut;

/// <summary>
/// The sample run as real processes, the way an operator runs it: two instances behind one Redis sharing a session,
/// and a session that outlives a restart of the app with the SQLite and the Redis store. Every process has a user
/// profile of its own (see <see cref="SampleProcess"/>), so these pass only because the store keeps the Data
/// Protection key ring beside the sessions.
/// </summary>
public sealed class SampleInstancesTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("typedsession-sample-").FullName;
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_client_alternating_between_two_instances_keeps_one_session_and_loses_nothing_when_one_stops()
    {
        var arguments = new[] { "--store", "redis", "--redis", _redis.Configuration };
        await using var first = await SampleProcess.StartAsync(arguments);
        await using var second = await SampleProcess.StartAsync(arguments);
        using var client = new SessionClient(first.Address);

        await LogInAsync(client, "user-0");
        for (var i = 1; i <= 10; i++)
        {
            client.SwitchTo(i % 2 == 0 ? first.Address : second.Address);
            Assert.Contains($"Username: user-{i - 1}\n", await client.GetStringAsync("/profile"), StringComparison.Ordinal);
            await LogInAsync(client, $"user-{i}");
        }

        // The last write went to the first instance; it now stops at once, mid-run.
        await first.KillAsync();
        client.SwitchTo(second.Address);
        Assert.Contains("Username: user-10\n", await client.GetStringAsync("/profile"), StringComparison.Ordinal);
        await LogInAsync(client, "user-11");
        Assert.Contains("Username: user-11\nRole: editor\nLogged in: True", await client.GetStringAsync("/profile"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_outlives_a_restart_of_the_app_with_the_SQLite_store()
    {
        var arguments = new[] { "--store", "sqlite", "--sqlite", Path.Combine(_directory, "data", "sessions.db") };
        await AssertSessionOutlivesRestartAsync(arguments);
        Assert.True(File.Exists(Path.Combine(_directory, "data", "sessions.db")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_directory, "data", "DataProtection-Keys"), "key-*.xml"));
    }

    [Fact]
    public async Task A_session_outlives_a_restart_of_the_app_with_the_Redis_store()
    {
        await AssertSessionOutlivesRestartAsync("--store", "redis", "--redis", _redis.Configuration);
        Assert.Equal("list", (await _redis.CliAsync("type", "typedsession:DataProtection-Keys")).Trim());
    }

    private static async Task AssertSessionOutlivesRestartAsync(params string[] arguments)
    {
        var sample = await SampleProcess.StartAsync(arguments);
        using var client = new SessionClient(sample.Address);
        try
        {
            await LogInAsync(client, "before-restart");
        }
        finally
        {
            await sample.DisposeAsync();
        }

        await using var restarted = await SampleProcess.StartAsync(arguments);
        client.SwitchTo(restarted.Address);
        Assert.Contains("Username: before-restart\n", await client.GetStringAsync("/profile"), StringComparison.Ordinal);
    }

    private static async Task LogInAsync(SessionClient client, string username)
    {
        using var response = await SampleApp.LogInAsync(client.Http, username, "editor");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Login as {username}: {(int)response.StatusCode} {body}");
        Assert.Contains(username, body, StringComparison.Ordinal);
    }
}
