using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace TypedSession.Benchmarks.Latency;

/// <summary>
/// A TCP proxy on 127.0.0.1 that delays each direction of every connection by a fixed time, as a network between the
/// app and Redis would: a one-way delay of 0.5 ms is a 1 ms round trip. This machine's kernel has no netem.
/// </summary>
/// <remarks>
/// Each chunk read from either side is written to the other side once the delay has passed, in order; connections do
/// not wait for each other (one delay line serves them all, see <see cref="DelayLine"/>). Every connection counts its
/// bytes and round trips in a <see cref="ProxyConnectionStats"/>.
/// </remarks>
public sealed class LatencyProxy : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly DnsEndPoint _target;
    private readonly DelayLine _line;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<int, ProxyConnectionStats> _connections = new();
    private readonly ConcurrentBag<Task> _running = [];
    private readonly Task _accepting;
    private int _lastId;

    private LatencyProxy(Socket listener, DnsEndPoint target, TimeSpan oneWayDelay)
    {
        _listener = listener;
        _target = target;
        _line = new DelayLine(oneWayDelay);
        OneWayDelay = oneWayDelay;
        _accepting = AcceptAsync();
    }

    /// <summary>The port the proxy listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    /// <summary>The delay each direction adds.</summary>
    public TimeSpan OneWayDelay { get; }

    /// <summary>How late, on average, a chunk left the delay line after its due time.</summary>
    public TimeSpan MeanLateness => _line.MeanLateness;

    /// <summary>Every connection accepted so far, open or closed, in accept order.</summary>
    public IReadOnlyList<ProxyConnectionStats> Connections => [.. _connections.Values.OrderBy(c => c.Id)];

    /// <summary>Starts a proxy on 127.0.0.1:<paramref name="listenPort"/> (0 picks a free port) to <paramref name="target"/>.</summary>
    public static LatencyProxy Start(int listenPort, DnsEndPoint target, TimeSpan oneWayDelay)
    {
        ArgumentNullException.ThrowIfNull(target);
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, listenPort));
        listener.Listen(512);
        return new LatencyProxy(listener, target, oneWayDelay);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Dispose();
        await _accepting;
        await Task.WhenAll(_running);
        _line.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptAsync(_stopping.Token);
                _running.Add(ServeAsync(client));
            }
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(Socket client)
    {
        var stats = new ProxyConnectionStats(Interlocked.Increment(ref _lastId), client.RemoteEndPoint?.ToString() ?? "?");
        _connections[stats.Id] = stats;
        using var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // No Nagle on either side: the proxy must add the configured delay and nothing else.
            client.NoDelay = true;
            server.NoDelay = true;
            await server.ConnectAsync(_target, _stopping.Token);
            var up = new ProxyDirection(client, server, stats.CountUp);
            var down = new ProxyDirection(server, client, stats.CountDown);
            await Task.WhenAll(
                up.ReadAsync(_line, _stopping.Token),
                down.ReadAsync(_line, _stopping.Token),
                up.WriteAsync(_stopping.Token),
                down.WriteAsync(_stopping.Token));
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The target refused or went away: the client sees its connection close, as it would without the proxy.
        }
        finally
        {
            stats.IsOpen = false;
            client.Dispose();
        }
    }
}
