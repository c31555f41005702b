using System.Globalization;

namespace TypedSession.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> of the test run's own, on a free loopback port with no persistence, in a temporary
/// folder. A missing <c>redis-server</c> fails the test with the command that installs it: Redis tests never skip.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory;
    private bool _running;

    private RedisServer(int port, string directory)
    {
        Port = port;
        _directory = directory;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Starts a server on a free port and waits until it answers.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("typedsession-redis-").FullName;
        var server = new RedisServer(LoopbackPort.Free(), directory);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server again on the same port after <see cref="StopAsync"/>, with an empty data set.</summary>
    public async Task StartAgainAsync()
    {
        var executable = FindExecutable("redis-server")
            ?? throw new InvalidOperationException(
                "redis-server is not installed; the Redis tests need a real server. Install it with " +
                "'bash eng/install-test-dependencies.sh' (or 'apt-get install -y redis-server'), or run ./test.sh, which does.");
        var arguments = new[]
        {
            "--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--daemonize", "yes",
            "--pidfile", Path.Combine(_directory, "redis.pid"), "--logfile", Path.Combine(_directory, "redis.log"),
            "--dir", _directory, "--save", "", "--appendonly", "no",
        };
        var (exitCode, output) = await RunAsync(executable, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"redis-server did not start (exit code {exitCode}): {output}");
        }

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if ((await CliAsync("ping")).Trim() == "PONG")
            {
                _running = true;
                return;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"redis-server on port {Port} did not answer PING: {ReadLog()}");
    }

    /// <summary>Stops the server at once, discarding its data (a crash, as far as clients can tell).</summary>
    public async Task StopAsync()
    {
        if (!_running)
        {
            return;
        }

        await CliAsync("shutdown", "nosave");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && (await CliAsync("ping")).Trim() == "PONG")
        {
            await Task.Delay(50);
        }

        _running = false;
    }

    /// <summary>Runs one <c>redis-cli</c> command against this server and returns its output.</summary>
    public async Task<string> CliAsync(params string[] command)
    {
        var executable = FindExecutable("redis-cli") ?? throw new InvalidOperationException("redis-cli is not installed (it comes with redis-server).");
        var (_, output) = await RunAsync(executable, ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), .. command]);
        return output;
    }

    /// <summary>Zeroes the server's command statistics.</summary>
    public Task ResetCommandStatsAsync() => CliAsync("config", "resetstat");

    /// <summary>
    /// The commands the server executed since <see cref="ResetCommandStatsAsync"/>, by name, without the ones this
    /// class sends to measure (<c>INFO</c>, <c>CONFIG</c>) and without the connection upkeep clients do on their own
    /// schedule (<c>PING</c>, <c>ECHO</c>, <c>CLIENT</c>, <c>CLUSTER</c>, <c>ROLE</c>, <c>SUBSCRIBE</c>), which no request causes.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> CommandStatsAsync()
    {
        var stats = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in (await CliAsync("info", "commandstats")).Split('\n', StringSplitOptions.TrimEntries))
        {
            // cmdstat_hgetall:calls=1,usec=7,...
            if (!line.StartsWith("cmdstat_", StringComparison.Ordinal))
            {
                continue;
            }

            var name = line["cmdstat_".Length..line.IndexOf(':', StringComparison.Ordinal)];
            if (name is "info" or "ping" or "echo" or "role" or "subscribe" or "cluster"
                || name.StartsWith("config|", StringComparison.Ordinal)
                || name.StartsWith("client|", StringComparison.Ordinal)
                || name.StartsWith("cluster|", StringComparison.Ordinal))
            {
                continue;
            }

            var calls = line.Split(',')[0].Split('=')[1];
            stats[name] = long.Parse(calls, CultureInfo.InvariantCulture);
        }

        return stats;
    }

    /// <summary>Stops the server and removes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The folder holds only the pid and log files of a stopped server; a leftover is harmless.
        }
    }

    private string ReadLog()
    {
        var log = Path.Combine(_directory, "redis.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no log)";
    }

    private static string? FindExecutable(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/bin").Append("/usr/sbin"))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string executable, IEnumerable<string> arguments)
    {
        var result = await ProcessRunner.RunAsync(executable, arguments, TimeSpan.FromSeconds(30));
        return (result.ExitCode, result.Output);
    }
}
