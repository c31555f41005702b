using System.Globalization;

namespace TypedSession.Tests.Infrastructure;

/// <summary>
/// A Redis Cluster of the test class's own: three primaries (no replicas) on free loopback ports, no persistence, in a
/// temporary folder, joined with <c>redis-cli --cluster create</c>; stopped and removed at the end.
/// </summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("typedsession-redis-cluster-").FullName;
    private readonly List<int> _ports = [];

    /// <summary>A StackExchange.Redis configuration string naming all three nodes.</summary>
    public string Configuration => string.Join(',', _ports.Select(p => $"127.0.0.1:{p}"));

    /// <summary>The nodes' ports.</summary>
    public IReadOnlyList<int> Ports => _ports;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        for (var i = 0; i < 3; i++)
        {
            var port = LoopbackPort.Free();
            var p = port.ToString(CultureInfo.InvariantCulture);
            var (exitCode, output) = await RunAsync("redis-server",
            [
                "--bind", "127.0.0.1", "--port", p, "--daemonize", "yes",
                "--cluster-enabled", "yes", "--cluster-config-file", Path.Combine(_directory, $"nodes-{p}.conf"),
                "--pidfile", Path.Combine(_directory, $"redis-{p}.pid"), "--logfile", Path.Combine(_directory, $"redis-{p}.log"),
                "--dir", _directory, "--save", "", "--appendonly", "no",
            ]);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"redis-server (cluster node) did not start (exit code {exitCode}): {output}");
            }

            _ports.Add(port);
        }

        foreach (var port in _ports)
        {
            await WaitForAsync(port, "ping", "PONG");
        }

        var (created, log) = await RunAsync("redis-cli",
            ["--cluster", "create", .. _ports.Select(p => $"127.0.0.1:{p}"), "--cluster-replicas", "0", "--cluster-yes"]);
        if (created != 0)
        {
            throw new InvalidOperationException($"redis-cli --cluster create failed (exit code {created}): {log}");
        }

        foreach (var port in _ports)
        {
            await WaitForAsync(port, "cluster info", "cluster_state:ok");
        }
    }

    /// <summary>Runs one <c>redis-cli</c> command against the node on <paramref name="port"/> and returns its output.</summary>
    public async Task<string> CliAsync(int port, params string[] command) =>
        (await RunAsync("redis-cli", ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), .. command])).Output;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var port in _ports)
        {
            await CliAsync(port, "shutdown", "nosave");
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Only the stopped nodes' pid, log and cluster files; a leftover is harmless.
        }
    }

    private async Task WaitForAsync(int port, string command, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if ((await CliAsync(port, command.Split(' '))).Contains(expected, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"Redis cluster node on port {port} did not answer '{command}' with '{expected}'.");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string executable, IEnumerable<string> arguments)
    {
        var result = await ProcessRunner.RunAsync(executable, arguments, TimeSpan.FromSeconds(60));
        return (result.ExitCode, result.Output);
    }
}
