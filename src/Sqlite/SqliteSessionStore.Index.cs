using Microsoft.Data.Sqlite;

namespace TypedSession.Stores.Sqlite;

// The per-user index of logged-in sessions (ISessionIndexStore): the owner columns of the session rows, read and
// changed in the same transactions as the sessions.
internal sealed partial class SqliteSessionStore
{
    private const string IndexedColumns = "store_key, user_id, session_id, device, created_at, refreshed_at, expires_at, persistent";

    // A regenerate of a logged-in session: the old entry leaves the index (the engine deletes it next).
    private const string UnindexSql = "UPDATE typedsession_sessions SET user_id = NULL WHERE store_key = $key AND user_id = $user";

    private const string LiveOwnedSql = $"""
        SELECT {IndexedColumns} FROM typedsession_sessions
        WHERE user_id = $user AND expires_at > $now AND store_key <> $key
        ORDER BY refreshed_at, touched, store_key
        """;

    private const string ListSql = $"""
        SELECT {IndexedColumns} FROM typedsession_sessions
        WHERE user_id = $user AND expires_at > $now
        ORDER BY refreshed_at DESC, touched DESC, store_key
        """;

    // One session by its id, or all but one: the values first, then the rows, which say what was deleted. Expired rows
    // are left for TakeExpiredAsync, which reports them as expired.
    private const string RevokeWhere = """
        user_id = $user AND expires_at > $now
        AND (session_id = $session OR ($session IS NULL AND ($except IS NULL OR session_id IS NOT $except)))
        """;

    private const string RevokeSql = $"""
        DELETE FROM typedsession_values WHERE store_key IN (SELECT store_key FROM typedsession_sessions WHERE {RevokeWhere});
        DELETE FROM typedsession_sessions WHERE {RevokeWhere} RETURNING {IndexedColumns};
        """;

    // The oldest expired owned rows, up to $max: both statements run in one write transaction, so they see one set.
    private const string ExpiredOwnedKeys = """
        SELECT store_key FROM typedsession_sessions WHERE user_id IS NOT NULL AND expires_at <= $now ORDER BY expires_at, store_key LIMIT $max
        """;

    private const string TakeExpiredSql = $"""
        DELETE FROM typedsession_values WHERE store_key IN ({ExpiredOwnedKeys});
        DELETE FROM typedsession_sessions WHERE store_key IN ({ExpiredOwnedKeys}) RETURNING {IndexedColumns};
        """;

    /// <inheritdoc />
    public async Task<SessionLoginResult> LogInAsync(string storeKey, SessionCommit commit, SessionLimit? limit, string? replacing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var owner = commit.Owner ?? throw new ArgumentException("A login's commit names its owner (SessionCommit.Owner).", nameof(commit));
        var now = commit.Expiry.Now.ToUnixTimeMilliseconds();
        var expires = (commit.Expiry.Now + commit.Expiry.TimeToLive).ToUnixTimeMilliseconds();

        // BEGIN IMMEDIATE takes the file's write lock before the count: simultaneous logins, in this process or
        // another, run one after the other, and each sees the sessions the ones before it wrote.
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = BeginImmediate(connection);

        if (replacing is not null)
        {
            await using var unindex = Command(connection, transaction, UnindexSql, replacing);
            unindex.Parameters.AddWithValue("$user", owner.UserId);
            await unindex.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        IReadOnlyList<IndexedSession> evicted = [];
        if (limit is { } cap)
        {
            List<IndexedSession> live;
            await using (var select = Command(connection, transaction, LiveOwnedSql, storeKey))
            {
                select.Parameters.AddWithValue("$user", owner.UserId);
                select.Parameters.AddWithValue("$now", now);
                live = await ReadIndexedAsync(select, cancellationToken).ConfigureAwait(false);
            }

            var excess = live.Count - Math.Max(cap.MaxSessions, 1) + 1;
            if (excess > 0)
            {
                if (cap.Policy == SessionLimitPolicy.RefuseNewLogin)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return SessionLoginResult.RefusedAtLimit;
                }

                // Least recently used first, as the query orders them.
                evicted = live.GetRange(0, excess);
                await using var delete = Command(connection, transaction, DeleteSql, string.Empty);
                foreach (var gone in evicted)
                {
                    delete.Parameters["$key"].Value = gone.StorageKey;
                    await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }

        await CreateEntryAsync(connection, transaction, storeKey, commit, now, expires, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return evicted.Count == 0 ? SessionLoginResult.Stored : new SessionLoginResult(false, evicted);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IndexedSession>> GetSessionsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = Command(connection, null, ListSql, string.Empty);
        select.Parameters.AddWithValue("$user", userId);
        select.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        return await ReadIndexedAsync(select, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IndexedSession>> RevokeAsync(string userId, string? sessionId, string? exceptSessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = BeginImmediate(connection);
        List<IndexedSession> revoked;
        await using (var revoke = Command(connection, transaction, RevokeSql, string.Empty))
        {
            revoke.Parameters.AddWithValue("$user", userId);
            revoke.Parameters.AddWithValue("$session", (object?)sessionId ?? DBNull.Value);
            revoke.Parameters.AddWithValue("$except", (object?)exceptSessionId ?? DBNull.Value);
            revoke.Parameters.AddWithValue("$now", _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            revoked = await ReadIndexedAsync(revoke, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return revoked;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IndexedSession>> TakeExpiredAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        if (max <= 0)
        {
            return [];
        }

        // One write transaction deletes the rows it returns: a concurrent call, in this process or another, waits for
        // it and no longer finds them.
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = BeginImmediate(connection);
        List<IndexedSession> taken;
        await using (var take = Command(connection, transaction, TakeExpiredSql, string.Empty))
        {
            take.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            take.Parameters.AddWithValue("$max", max);
            taken = await ReadIndexedAsync(take, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return taken;
    }

    private static SessionOwner OwnerAt(SqliteDataReader reader, int ordinal) =>
        new(reader.GetString(ordinal), reader.IsDBNull(ordinal + 1) ? string.Empty : reader.GetString(ordinal + 1))
        {
            Device = reader.IsDBNull(ordinal + 2) ? null : reader.GetString(ordinal + 2),
        };

    // Reads rows of IndexedColumns.
    private static async Task<List<IndexedSession>> ReadIndexedAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var sessions = new List<IndexedSession>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        do
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                sessions.Add(new IndexedSession(
                    reader.GetString(0),
                    OwnerAt(reader, 1),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                    reader.GetInt64(7) == 1));
            }
        }
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));

        return sessions;
    }
}
