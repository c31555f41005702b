using System.Buffers;

namespace TypedSession.Benchmarks.Latency;

/// <summary>
/// Bytes read from one side of a proxied connection, in a pooled buffer that the writer returns once they are sent;
/// an empty chunk stands for the end of that side's stream, so that the shutdown is delayed and ordered like the data.
/// </summary>
internal readonly record struct ProxyChunk(byte[]? Buffer, int Count)
{
    /// <summary>The end of the stream.</summary>
    public static ProxyChunk End => default;

    /// <summary>Whether this chunk marks the end of the stream.</summary>
    public bool IsEnd => Count == 0;

    /// <summary>Returns the buffer to the pool.</summary>
    public void Release()
    {
        if (Buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
        }
    }
}
