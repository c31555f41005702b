using StackExchange.Redis;

namespace TypedSession.Stores.Redis;

// The store's connection: opened on first use (or taken from the application), reconnecting in the background, and
// closed with the store when the store opened it.
internal sealed partial class RedisSessionStore
{
    /// <summary>Closes the connection the store opened itself; a connection supplied by the application stays open.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        var connection = Interlocked.Exchange(ref _ownedConnection, null);
        if (connection is not null)
        {
            await connection.CloseAsync().ConfigureAwait(false);
            connection.Dispose();
        }
    }

    /// <summary>Closes the connection the store opened itself; a connection supplied by the application stays open.</summary>
    public void Dispose()
    {
        _disposed = true;
        Interlocked.Exchange(ref _ownedConnection, null)?.Dispose();
    }

    /// <summary>
    /// The database for the Data Protection key ring (<see cref="RedisDataProtectionKeyRing"/>). Data Protection reads
    /// and writes its keys synchronously (<c>IXmlRepository</c> has no asynchronous members), so its first use may
    /// wait here for the connection the store opens; every later call returns the open database at once.
    /// </summary>
    internal IDatabase GetDatabaseForKeyRing() =>
        _database ?? GetDatabaseAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();

    private async ValueTask<IDatabase> GetDatabaseAsync(CancellationToken cancellationToken)
    {
        if (_database is { } database)
        {
            return database;
        }

        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_database is { } connected)
            {
                return connected;
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
            IConnectionMultiplexer connection;
            if (_options.ConnectionMultiplexerFactory is { } factory)
            {
                connection = await factory().WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                connection = await ConnectionMultiplexer.ConnectAsync(CreateConfiguration()).WaitAsync(cancellationToken).ConfigureAwait(false);
                _ownedConnection = connection;
                connection.ConnectionFailed += (_, e) => Log.ConnectionFailed(_logger, e.EndPoint?.ToString(), e.FailureType);
                connection.ConnectionRestored += (_, e) => Log.ConnectionRestored(_logger, e.EndPoint?.ToString());
            }

            var opened = connection.GetDatabase(_options.Database);
            _database = opened;
            return opened;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private ConfigurationOptions CreateConfiguration()
    {
        if (_options.ConfigurationOptions is { } given)
        {
            return given;
        }

        var configuration = ConfigurationOptions.Parse(_options.Configuration!);

        // Start even while Redis is down and reconnect in the background; while it is unreachable, fail commands at
        // once so that requests report the session unavailable instead of queueing until a timeout.
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        return configuration;
    }
}
