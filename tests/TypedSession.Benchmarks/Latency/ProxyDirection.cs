using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;

namespace TypedSession.Benchmarks.Latency;

/// <summary>
/// One direction of a proxied connection: reads chunks from one socket, sends them through the delay line, and writes
/// them to the other socket in the order they were read.
/// </summary>
internal sealed class ProxyDirection
{
    private const int ChunkSize = 16 * 1024;

    private readonly Socket _source;
    private readonly Socket _destination;
    private readonly Action<int> _count;
    private readonly Channel<ProxyChunk> _due = Channel.CreateUnbounded<ProxyChunk>(new UnboundedChannelOptions { SingleReader = true });

    public ProxyDirection(Socket source, Socket destination, Action<int> count)
    {
        _source = source;
        _destination = destination;
        _count = count;
    }

    /// <summary>Called by the delay line when a chunk is due: queues it for this direction's writer.</summary>
    public void Deliver(ProxyChunk chunk)
    {
        if (!_due.Writer.TryWrite(chunk))
        {
            chunk.Release();
        }
    }

    /// <summary>Reads until the source ends or fails, then passes the end on, delayed like the data.</summary>
    public async Task ReadAsync(DelayLine line, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                int read;
                try
                {
                    read = await _source.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, cancellationToken);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }
                if (read == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }
                _count(read);
                line.Enqueue(this, new ProxyChunk(buffer, read));
            }
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A reset or a stop ends this side like a close does.
        }
        line.Enqueue(this, ProxyChunk.End);
    }

    /// <summary>Writes due chunks until the end marker, then shuts the destination's sending side.</summary>
    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var chunk in _due.Reader.ReadAllAsync(cancellationToken))
            {
                if (chunk.IsEnd)
                {
                    _destination.Shutdown(SocketShutdown.Send);
                    break;
                }
                try
                {
                    var sent = 0;
                    while (sent < chunk.Count)
                    {
                        sent += await _destination.SendAsync(chunk.Buffer.AsMemory(sent, chunk.Count - sent), SocketFlags.None, cancellationToken);
                    }
                }
                finally
                {
                    chunk.Release();
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The other side went away; the connection closes below.
        }
        _due.Writer.TryComplete();
        while (_due.Reader.TryRead(out var left))
        {
            left.Release();
        }
    }
}
