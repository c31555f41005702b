using System.Net;
using System.Net.Sockets;
using TypedSession.Benchmarks.Latency;

namespace TypedSession.Tests.BenchmarkTools;

/// <summary>
/// The benchmarks' latency proxy (tests/TypedSession.Benchmarks/Latency) must not change what it carries: every byte
/// arrives, in order, on every connection at once. No timing is asserted: the machine's load moves it.
/// </summary>
public sealed class LatencyProxyTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.2)]
    public async Task Concurrent_connections_get_every_byte_back_in_order_and_are_counted(double delayMs)
    {
        using var echo = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        echo.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        echo.Listen(16);
        using var stopEcho = new CancellationTokenSource();
        var echoing = EchoAsync(echo, stopEcho.Token);
        var target = new DnsEndPoint("127.0.0.1", ((IPEndPoint)echo.LocalEndPoint!).Port);

        await using (var proxy = LatencyProxy.Start(0, target, TimeSpan.FromMilliseconds(delayMs)))
        {
            var sent = await Task.WhenAll(Enumerable.Range(1, 4).Select(seed => ExchangeAsync(proxy.Port, seed)));

            Assert.All(sent, Assert.True);
            var connections = proxy.Connections;
            Assert.Equal(4, connections.Count);
            Assert.All(connections, c =>
            {
                Assert.Equal(PayloadLength, c.BytesUp);
                Assert.Equal(PayloadLength, c.BytesDown);
                Assert.InRange(c.RoundTrips, 1, PayloadLength);
            });
        }
        await stopEcho.CancelAsync();
        await echoing;
    }

    private const int PayloadLength = 256 * 1024;

    // Sends a seeded random payload in writes of random sizes while reading the echo, and compares the two.
    private static async Task<bool> ExchangeAsync(int port, int seed)
    {
        var random = new Random(seed);
        var payload = new byte[PayloadLength];
        random.NextBytes(payload);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(IPAddress.Loopback, port);

        var sending = Task.Run(async () =>
        {
            for (var offset = 0; offset < payload.Length;)
            {
                var size = Math.Min(random.Next(1, 9000), payload.Length - offset);
                offset += await client.SendAsync(payload.AsMemory(offset, size), SocketFlags.None);
            }
            client.Shutdown(SocketShutdown.Send);
        });

        var received = new byte[PayloadLength + 1];
        var total = 0;
        int read;
        while ((read = await client.ReceiveAsync(received.AsMemory(total), SocketFlags.None)) > 0)
        {
            total += read;
        }
        await sending;
        return total == PayloadLength && received.AsSpan(0, total).SequenceEqual(payload);
    }

    private static async Task EchoAsync(Socket listener, CancellationToken cancellationToken)
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var connection = await listener.AcceptAsync(cancellationToken);
                connections.Add(Task.Run(async () =>
                {
                    using (connection)
                    {
                        var buffer = new byte[4096];
                        int read;
                        while ((read = await connection.ReceiveAsync(buffer, SocketFlags.None)) > 0)
                        {
                            await connection.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
                        }
                        connection.Shutdown(SocketShutdown.Send);
                    }
                }, CancellationToken.None));
            }
        }
        catch (OperationCanceledException)
        {
            // The test is over.
        }
        await Task.WhenAll(connections);
    }
}
