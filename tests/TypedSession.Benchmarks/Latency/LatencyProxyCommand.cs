using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace TypedSession.Benchmarks.Latency;

/// <summary>
/// <c>latency-proxy --listen PORT --target HOST:PORT --delay-ms 0.5 [--stats-port PORT]</c>: runs a
/// <see cref="LatencyProxy"/> until SIGINT or SIGTERM, then prints what every connection carried.
/// </summary>
/// <remarks>
/// With <c>--stats-port</c>, <c>curl http://127.0.0.1:PORT/</c> returns the same counters at any time, so that a
/// script can take them before and after a run and divide the difference in round trips by the requests it made.
/// </remarks>
public static class LatencyProxyCommand
{
    /// <summary>Parses the arguments and runs the proxy; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        int? listen = null;
        int? statsPort = null;
        DnsEndPoint? target = null;
        double delayMs = 0;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--listen":
                    listen = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--stats-port":
                    statsPort = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--delay-ms":
                    delayMs = double.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--target" when value.LastIndexOf(':') is > 0 and var colon:
                    target = new DnsEndPoint(value[..colon], int.Parse(value[(colon + 1)..], CultureInfo.InvariantCulture));
                    break;
                default:
                    return Usage(output, $"unknown or malformed argument '{args[i]} {value}'");
            }
        }
        if (listen is null || target is null || args.Length % 2 != 0)
        {
            return Usage(output, "--listen and --target are required");
        }

        using var stop = new CancellationTokenSource();
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        var proxy = LatencyProxy.Start(listen.Value, target, TimeSpan.FromMilliseconds(delayMs));
        await output.WriteLineAsync(FormattableString.Invariant(
            $"latency-proxy: 127.0.0.1:{proxy.Port} -> {target.Host}:{target.Port}, {delayMs} ms each way"));
        await output.FlushAsync();
        var serving = statsPort is { } port ? ServeStatsAsync(proxy, port, stop.Token) : Task.CompletedTask;
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop.
        }
        await serving;
        await proxy.DisposeAsync();
        await output.WriteAsync(Report(proxy));
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    /// <summary>The counters as text: a totals line, then one line per connection.</summary>
    public static string Report(LatencyProxy proxy)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        var connections = proxy.Connections;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"connections={connections.Count} open={connections.Count(c => c.IsOpen)} round_trips={connections.Sum(c => c.RoundTrips)} bytes_up={connections.Sum(c => c.BytesUp)} bytes_down={connections.Sum(c => c.BytesDown)} mean_lateness_us={proxy.MeanLateness.TotalMicroseconds:F0}");
        foreach (var c in connections)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"connection={c.Id} client={c.Client} open={c.IsOpen} round_trips={c.RoundTrips} bytes_up={c.BytesUp} bytes_down={c.BytesDown}");
        }
        return text.ToString();
    }

    private static int Usage(TextWriter output, string problem)
    {
        output.WriteLine($"latency-proxy: {problem}");
        output.WriteLine("usage: latency-proxy --listen PORT --target HOST:PORT [--delay-ms MS] [--stats-port PORT]");
        return 2;
    }

    // A minimal HTTP/1.0 answer per connection: enough for curl, and no web server in the proxy's process.
    private static async Task ServeStatsAsync(LatencyProxy proxy, int port, CancellationToken cancellationToken)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        listener.Listen(16);
        try
        {
            while (true)
            {
                using var client = await listener.AcceptAsync(cancellationToken);
                try
                {
                    var request = new byte[4096];
                    _ = await client.ReceiveAsync(request, SocketFlags.None, cancellationToken);
                    var body = Report(proxy);
                    var response = Encoding.ASCII.GetBytes(
                        $"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {Encoding.ASCII.GetByteCount(body)}\r\n\r\n{body}");
                    await client.SendAsync(response, SocketFlags.None, cancellationToken);
                    client.Shutdown(SocketShutdown.Both);
                }
                catch (SocketException)
                {
                    // That client went away mid-request; serve the next one.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}
