using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace TypedSession.Stores.Sqlite;

/// <summary>
/// Keeps sessions in an SQLite file on the machine: persistent across restarts, nothing to install or run. One row
/// per session key, so a request writes only the keys it changed and concurrent requests of one session that change
/// different keys never erase each other.
/// </summary>
/// <remarks>
/// <para>
/// The file runs in WAL mode (readers never wait for the writer). Each session has a row with its creation, refresh
/// and expiry times and its remember-me flag; a session past its expiry never loads. Every commit but the one that
/// creates a session (and every refresh) applies only while the session's row exists and has not expired, checked
/// inside its transaction, so a late write cannot bring back a session that was destroyed, regenerated away or expired
/// meanwhile. Rows are keyed by the hash the engine passes, never the secret a cookie carries. One file serves the
/// processes of one machine; for several machines use the Redis store.
/// </para>
/// <para>
/// The per-user index (<see cref="ISessionIndexStore"/>) is the session row itself: a logged-in session's row carries
/// its user, session id and device (schema version 3), and a partial index on (user, last refresh) lists a user's
/// sessions. Commits and refreshes move the entry because they move the row's times; deleting the row removes it. A
/// login counts, evicts and inserts in one <c>BEGIN IMMEDIATE</c> transaction, so simultaneous logins of one user, in
/// any process on the file, run one after the other and the cap holds. The periodic clean-up
/// (<see cref="SqliteSessionStoreOptions.CleanupInterval"/>) deletes expired anonymous sessions only; an expired
/// logged-in session stays until <see cref="TakeExpiredAsync"/> deletes and returns it, once.
/// </para>
/// </remarks>
internal sealed partial class SqliteSessionStore : ITypedSessionStore, ISessionIndexStore, IAsyncDisposable, IDisposable
{
    private const int SchemaVersion = 3;

    // Version 1 had no remember-me flag; every session it stored is not remembered.
    private const string UpgradeFromVersion1Sql = "ALTER TABLE typedsession_sessions ADD COLUMN persistent INTEGER NOT NULL DEFAULT 0";

    // Version 2 had no owner: every session it stored is anonymous.
    private const string UpgradeFromVersion2Sql = """
        ALTER TABLE typedsession_sessions ADD COLUMN user_id TEXT NULL;
        ALTER TABLE typedsession_sessions ADD COLUMN session_id TEXT NULL;
        ALTER TABLE typedsession_sessions ADD COLUMN device TEXT NULL;
        ALTER TABLE typedsession_sessions ADD COLUMN touched INTEGER NULL;
        """;

    // Runs inside the initializing transaction, after any upgrade. The owner columns are the per-user index: a row with a
    // user_id is a logged-in session, listed through typedsession_sessions_user and taken at expiry through
    // typedsession_sessions_owned_expiry. touched (Stopwatch ticks) orders the writes of one millisecond.
    private const string SchemaSql = """
        CREATE TABLE IF NOT EXISTS typedsession_sessions (
            store_key TEXT NOT NULL PRIMARY KEY,
            created_at INTEGER NOT NULL,
            refreshed_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            persistent INTEGER NOT NULL DEFAULT 0,
            user_id TEXT NULL,
            session_id TEXT NULL,
            device TEXT NULL,
            touched INTEGER NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS typedsession_sessions_expires_at ON typedsession_sessions (expires_at);
        CREATE INDEX IF NOT EXISTS typedsession_sessions_user ON typedsession_sessions (user_id, refreshed_at) WHERE user_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS typedsession_sessions_owned_expiry ON typedsession_sessions (expires_at) WHERE user_id IS NOT NULL;
        CREATE TABLE IF NOT EXISTS typedsession_values (
            store_key TEXT NOT NULL,
            name TEXT NOT NULL,
            value BLOB NOT NULL,
            PRIMARY KEY (store_key, name)
        ) WITHOUT ROWID;
        PRAGMA user_version = 3;
        """;

    private const string LoadSql = """
        SELECT s.created_at, s.refreshed_at, s.persistent, v.name, v.value, s.user_id, s.session_id, s.device
        FROM typedsession_sessions AS s
        LEFT JOIN typedsession_values AS v ON v.store_key = s.store_key
        WHERE s.store_key = $key AND s.expires_at > $now
        """;

    private const string TouchSql = """
        UPDATE typedsession_sessions SET refreshed_at = $now, expires_at = $expires, persistent = $persistent, touched = $tick
        WHERE store_key = $key AND expires_at > $now
        """;

    // $persistentExpires is given only when the engine does not know whether the session is remembered: the row says.
    private const string RefreshSql = """
        UPDATE typedsession_sessions
        SET refreshed_at = $now, expires_at = CASE WHEN persistent = 1 AND $persistentExpires IS NOT NULL THEN $persistentExpires ELSE $expires END, touched = $tick
        WHERE store_key = $key AND expires_at > $now
        """;

    private const string ReplaceSessionSql = """
        DELETE FROM typedsession_values WHERE store_key = $key;
        INSERT INTO typedsession_sessions (store_key, created_at, refreshed_at, expires_at, persistent, user_id, session_id, device, touched)
        VALUES ($key, $created, $now, $expires, $persistent, $user, $session, $device, $tick)
        ON CONFLICT (store_key) DO UPDATE SET
            created_at = excluded.created_at, refreshed_at = excluded.refreshed_at, expires_at = excluded.expires_at, persistent = excluded.persistent,
            user_id = excluded.user_id, session_id = excluded.session_id, device = excluded.device, touched = excluded.touched;
        """;

    private const string UpsertValueSql = """
        INSERT INTO typedsession_values (store_key, name, value) VALUES ($key, $name, $value)
        ON CONFLICT (store_key, name) DO UPDATE SET value = excluded.value
        """;

    private const string ClearValuesSql = "DELETE FROM typedsession_values WHERE store_key = $key";

    private const string RemoveValueSql = "DELETE FROM typedsession_values WHERE store_key = $key AND name = $name";

    private const string DeleteSql = """
        DELETE FROM typedsession_values WHERE store_key = $key;
        DELETE FROM typedsession_sessions WHERE store_key = $key;
        """;

    // Anonymous sessions only: an owned one stays until TakeExpiredAsync takes it, so that its expiry is reported.
    private const string RemoveExpiredSql = """
        DELETE FROM typedsession_values WHERE store_key IN (SELECT store_key FROM typedsession_sessions WHERE expires_at <= $now AND user_id IS NULL);
        DELETE FROM typedsession_sessions WHERE expires_at <= $now AND user_id IS NULL;
        """;

    private readonly string _connectionString;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _initializeLock = new(1, 1);
    private readonly ITimer? _cleanupTimer;
    private volatile bool _initialized;

    /// <summary>Creates the store over the file named by <paramref name="options"/>; the file is created on first use.</summary>
    public SqliteSessionStore(IOptions<SqliteSessionStoreOptions> options, TimeProvider? timeProvider = null, ILogger<SqliteSessionStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        if (string.IsNullOrWhiteSpace(value.DatabasePath))
        {
            throw new InvalidOperationException("SqliteSessionStoreOptions.DatabasePath must name the SQLite file that holds the sessions.");
        }

        DatabasePath = Path.GetFullPath(value.DatabasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        if (value.CleanupInterval > TimeSpan.Zero)
        {
            _cleanupTimer = _timeProvider.CreateTimer(static state => _ = ((SqliteSessionStore)state!).RunCleanupAsync(), this, value.CleanupInterval, value.CleanupInterval);
        }
    }

    /// <summary>The full path of the SQLite file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    public async Task<SessionEntry?> LoadAsync(string storeKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = LoadSql;
        command.Parameters.AddWithValue("$key", storeKey);
        command.Parameters.AddWithValue("$now", _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

        Dictionary<string, byte[]>? values = null;
        long created = 0, refreshed = 0;
        var persistent = false;
        SessionOwner? owner = null;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (values is null)
            {
                values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
                created = reader.GetInt64(0);
                refreshed = reader.GetInt64(1);
                persistent = reader.GetInt64(2) == 1;
                owner = reader.IsDBNull(5) ? null : OwnerAt(reader, 5);
            }

            if (!reader.IsDBNull(3))
            {
                values[reader.GetString(3)] = (byte[])reader.GetValue(4);
            }
        }

        return values is null
            ? null
            : new SessionEntry(values, DateTimeOffset.FromUnixTimeMilliseconds(created), DateTimeOffset.FromUnixTimeMilliseconds(refreshed))
            {
                IsPersistent = persistent,
                Owner = owner,
            };
    }

    /// <inheritdoc />
    public async Task<bool> CommitAsync(string storeKey, SessionCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var timeToLive = commit.Expiry.TimeToLive;
        if (timeToLive <= TimeSpan.Zero)
        {
            await DeleteAsync(storeKey, cancellationToken).ConfigureAwait(false);
            return true;
        }

        var now = commit.Expiry.Now.ToUnixTimeMilliseconds();
        var expires = (commit.Expiry.Now + timeToLive).ToUnixTimeMilliseconds();

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = BeginImmediate(connection);

        if (commit.CreatesEntry)
        {
            await CreateEntryAsync(connection, transaction, storeKey, commit, now, expires, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        // An update: its first statement tells, inside the transaction, whether the session still lives.
        IEnumerable<KeyValuePair<string, byte[]>> written;
        await using var touch = Command(connection, transaction, TouchSql, storeKey);
        touch.Parameters.AddWithValue("$now", now);
        touch.Parameters.AddWithValue("$expires", expires);
        touch.Parameters.AddWithValue("$persistent", commit.IsPersistent ? 1 : 0);
        touch.Parameters.AddWithValue("$tick", Stopwatch.GetTimestamp());
        if (await touch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            // The session was deleted, regenerated away or expired while the request ran: its changes must not
            // bring it back.
            Log.LateWriteDropped(_logger);
            return false;
        }

        if (commit.ReplaceAll)
        {
            await using var clear = Command(connection, transaction, ClearValuesSql, storeKey);
            await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            written = commit.Values;
        }
        else
        {
            if (commit.Removed.Count > 0)
            {
                await using var remove = Command(connection, transaction, RemoveValueSql, storeKey);
                var name = remove.Parameters.Add("$name", SqliteType.Text);
                foreach (var removed in commit.Removed)
                {
                    name.Value = removed;
                    await remove.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            written = commit.Changed;
        }

        await UpsertValuesAsync(connection, transaction, storeKey, written, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task RefreshAsync(string storeKey, SessionExpiry expiry, CancellationToken cancellationToken)
    {
        var timeToLive = expiry.TimeToLive;
        if (timeToLive <= TimeSpan.Zero && expiry.PersistentIdleTimeout is null)
        {
            await DeleteAsync(storeKey, cancellationToken).ConfigureAwait(false);
            return;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var refresh = Command(connection, null, RefreshSql, storeKey);
        refresh.Parameters.AddWithValue("$now", expiry.Now.ToUnixTimeMilliseconds());
        refresh.Parameters.AddWithValue("$tick", Stopwatch.GetTimestamp());
        refresh.Parameters.AddWithValue("$expires", (expiry.Now + timeToLive).ToUnixTimeMilliseconds());
        refresh.Parameters.AddWithValue(
            "$persistentExpires",
            expiry.PersistentIdleTimeout is null ? DBNull.Value : (expiry.Now + expiry.TimeToLiveFor(entryIsPersistent: true)).ToUnixTimeMilliseconds());
        await refresh.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string storeKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = BeginImmediate(connection);
        await using (var delete = Command(connection, transaction, DeleteSql, storeKey))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes every anonymous session whose expiry has passed; returns how many. A logged-in session stays until
    /// <see cref="TakeExpiredAsync"/> takes it. Runs by itself every <see cref="SqliteSessionStoreOptions.CleanupInterval"/>.
    /// </summary>
    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = BeginImmediate(connection);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = RemoveExpiredSql;
        command.Parameters.AddWithValue("$now", _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        // The second statement's count is the number of sessions; ExecuteNonQuery adds both, so ask SQLite.
        await using var changes = connection.CreateCommand();
        changes.Transaction = transaction;
        changes.CommandText = "SELECT changes()";
        var removed = Convert.ToInt32(await changes.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }

    /// <summary>Stops the periodic clean-up.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_cleanupTimer is not null)
        {
            await _cleanupTimer.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the periodic clean-up.</summary>
    public void Dispose() => _cleanupTimer?.Dispose();

    // Takes the write lock at BEGIN: a transaction that reads before it writes cannot fail to upgrade its lock, and
    // writers of every process on the file run one after the other (each waits up to the command timeout).
    private static SqliteTransaction BeginImmediate(SqliteConnection connection) =>
        connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);

    // The first write of a session: its row (with its owner, if any) and all its values, replacing anything stored
    // under the key.
    private static async Task CreateEntryAsync(
        SqliteConnection connection, SqliteTransaction transaction, string storeKey, SessionCommit commit, long now, long expires, CancellationToken cancellationToken)
    {
        await using (var replace = Command(connection, transaction, ReplaceSessionSql, storeKey))
        {
            replace.Parameters.AddWithValue("$created", commit.CreatedAt.ToUnixTimeMilliseconds());
            replace.Parameters.AddWithValue("$now", now);
            replace.Parameters.AddWithValue("$expires", expires);
            replace.Parameters.AddWithValue("$persistent", commit.IsPersistent ? 1 : 0);
            replace.Parameters.AddWithValue("$tick", Stopwatch.GetTimestamp());
            replace.Parameters.AddWithValue("$user", (object?)commit.Owner?.UserId ?? DBNull.Value);
            replace.Parameters.AddWithValue("$session", (object?)commit.Owner?.SessionId ?? DBNull.Value);
            replace.Parameters.AddWithValue("$device", (object?)commit.Owner?.Device ?? DBNull.Value);
            await replace.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await UpsertValuesAsync(connection, transaction, storeKey, commit.Values, cancellationToken).ConfigureAwait(false);
    }

    private static async Task UpsertValuesAsync(
        SqliteConnection connection, SqliteTransaction transaction, string storeKey, IEnumerable<KeyValuePair<string, byte[]>> values, CancellationToken cancellationToken)
    {
        await using var upsert = Command(connection, transaction, UpsertValueSql, storeKey);
        var name = upsert.Parameters.Add("$name", SqliteType.Text);
        var value = upsert.Parameters.Add("$value", SqliteType.Blob);
        foreach (var (key, bytes) in values)
        {
            name.Value = key;
            value.Value = bytes;
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, string storeKey)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$key", storeKey);
        return command;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_initialized)
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // Per connection: with WAL, NORMAL keeps the file consistent after a crash and syncs only at checkpoints.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous = NORMAL";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initializeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (var wal = connection.CreateCommand())
            {
                // Outside any transaction: the journal mode cannot change inside one.
                wal.CommandText = "PRAGMA journal_mode = WAL";
                await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // The version check, the upgrade and the schema are one write transaction, so that processes starting
            // together on one file upgrade it once.
            await using var transaction = BeginImmediate(connection);
            await using var version = connection.CreateCommand();
            version.Transaction = transaction;
            version.CommandText = "PRAGMA user_version";
            var existing = Convert.ToInt32(await version.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            if (existing > SchemaVersion)
            {
                throw new InvalidOperationException(
                    $"The session database '{DatabasePath}' has schema version {existing}, newer than this version of TypedSession understands ({SchemaVersion}).");
            }

            if (existing is 1 or 2)
            {
                await using var upgrade = connection.CreateCommand();
                upgrade.Transaction = transaction;
                upgrade.CommandText = existing == 1 ? UpgradeFromVersion1Sql + ";\n" + UpgradeFromVersion2Sql : UpgradeFromVersion2Sql;
                await upgrade.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var schema = connection.CreateCommand();
            schema.Transaction = transaction;
            schema.CommandText = SchemaSql;
            await schema.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _initialized = true;
        }
        finally
        {
            _initializeLock.Release();
        }
    }

    private async Task RunCleanupAsync()
    {
        try
        {
            var removed = await RemoveExpiredAsync(CancellationToken.None).ConfigureAwait(false);
            Log.ExpiredRemoved(_logger, removed);
        }
        catch (Exception exception)
        {
            // A timer callback: nothing above it could handle the failure, and the next interval retries.
            Log.CleanupFailed(_logger, exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3201, Level = LogLevel.Debug, Message = "Removed {Count} expired sessions from the SQLite session store.")]
        public static partial void ExpiredRemoved(ILogger logger, int count);

        [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Removing expired sessions from the SQLite session store failed; it is retried at the next interval.")]
        public static partial void CleanupFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 3203, Level = LogLevel.Debug,
            Message = "A commit was dropped because its session was deleted or expired while the request ran.")]
        public static partial void LateWriteDropped(ILogger logger);
    }
}
