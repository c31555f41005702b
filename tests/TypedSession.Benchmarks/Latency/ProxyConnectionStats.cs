namespace TypedSession.Benchmarks.Latency;

/// <summary>
/// What one proxied connection has carried: bytes each way and round trips, a round trip being a reply from the
/// server that follows bytes from the client.
/// </summary>
/// <remarks>
/// Counted where the proxy reads, which is the order the bytes really travelled in. On a connection with one request
/// in flight at a time this is exactly the number of round trips; a client that pipelines several requests before
/// reading (StackExchange.Redis does under concurrency) is counted once per burst, so measure round trips per request
/// with one request at a time.
/// </remarks>
public sealed class ProxyConnectionStats
{
    private readonly Lock _gate = new();
    private long _bytesUp;
    private long _bytesDown;
    private long _roundTrips;
    private bool _awaitingReply;

    internal ProxyConnectionStats(int id, string client)
    {
        Id = id;
        Client = client;
    }

    /// <summary>The connection's number, from 1, in accept order.</summary>
    public int Id { get; }

    /// <summary>The client's address and port.</summary>
    public string Client { get; }

    /// <summary>Bytes from the client to the server.</summary>
    public long BytesUp
    {
        get
        {
            lock (_gate)
            {
                return _bytesUp;
            }
        }
    }

    /// <summary>Bytes from the server to the client.</summary>
    public long BytesDown
    {
        get
        {
            lock (_gate)
            {
                return _bytesDown;
            }
        }
    }

    /// <summary>Replies that followed a request: round trips.</summary>
    public long RoundTrips
    {
        get
        {
            lock (_gate)
            {
                return _roundTrips;
            }
        }
    }

    /// <summary>Whether the connection is still open.</summary>
    public bool IsOpen { get; internal set; } = true;

    internal void CountUp(int bytes)
    {
        lock (_gate)
        {
            _bytesUp += bytes;
            _awaitingReply = true;
        }
    }

    internal void CountDown(int bytes)
    {
        lock (_gate)
        {
            _bytesDown += bytes;
            if (_awaitingReply)
            {
                _roundTrips++;
                _awaitingReply = false;
            }
        }
    }
}
