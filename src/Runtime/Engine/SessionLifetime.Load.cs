using System.Diagnostics;
using Microsoft.Extensions.Logging;
using TypedSession.Stores;

namespace TypedSession;

// The load: one store read, settled as found, missing, expired, corrupt or failed, counted and logged.
internal sealed partial class SessionLifetime
{
    /// <summary>
    /// Loads the session stored under <paramref name="key"/> and settles it: found, missing, expired, corrupt (the last
    /// three start a new session) or failed (unavailable). Counts and logs the outcome; throws only
    /// <see cref="OperationCanceledException"/>, when <paramref name="cancellationToken"/> is canceled.
    /// </summary>
    internal ValueTask<SessionChangeSet> LoadAsync(SessionEngine engine, SessionStoreKey key, TimeSpan ioTimeout, CancellationToken cancellationToken)
    {
        if (!key.MayHaveEntry)
        {
            // A key made in this request holds nothing yet: no store call.
            return ValueTask.FromResult(StartNew(engine.Time.GetUtcNow(), staleEntry: false));
        }
        return ReadAsync(engine, key, ioTimeout, cancellationToken);
    }

    // A load that completes before it returns (the in-memory store, a cached entry) settles without a state machine.
    private ValueTask<SessionChangeSet> ReadAsync(SessionEngine engine, SessionStoreKey key, TimeSpan ioTimeout, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<SessionChangeSet>(cancellationToken);
        }
        var started = Stopwatch.GetTimestamp();
        var loading = engine.GuardedStore.LoadAsync(key.StorageKey, ioTimeout, key, cancellationToken);
        return loading.IsCompletedSuccessfully
            ? new ValueTask<SessionChangeSet>(Settle(engine, key, started, loading.Result))
            : ReadSlowlyAsync(engine, key, started, loading);
    }

    private async ValueTask<SessionChangeSet> ReadSlowlyAsync(SessionEngine engine, SessionStoreKey key, long started, ValueTask<SessionEntry?> loading)
    {
        SessionEntry? entry;
        try
        {
            entry = await loading.ConfigureAwait(false);
        }
        catch (CorruptSessionEntryException exception)
        {
            SessionEngineLog.CorruptEntry(engine.Logger, key.LogHash, exception.Message);
            return Counted(engine, started, "corrupt", StartNew(engine.Time.GetUtcNow(), staleEntry: true));
        }
        catch (SessionUnavailableException)
        {
            // Logged and counted by the guarded store; reads give defaults, writes throw.
            State = LoadState.Unavailable;
            return Counted(engine, started, "failed", new SessionChangeSet());
        }
        return Settle(engine, key, started, entry);
    }

    // What the store returned: nothing, an expired entry (both start a new session) or the live session.
    private SessionChangeSet Settle(SessionEngine engine, SessionStoreKey key, long started, SessionEntry? entry)
    {
        var logger = engine.Logger;
        // The log hash costs two SHA-256 computations: routine events compute it only when their level is on.
        var now = engine.Time.GetUtcNow();
        if (entry is null)
        {
            if (logger.IsEnabled(LogLevel.Debug))
            {
                SessionEngineLog.Missing(logger, key.LogHash);
            }
            key.MayHaveEntry = false;
            return Counted(engine, started, "missing", StartNew(now, staleEntry: false));
        }
        if (ExpiredBecause(entry, now) is { } reason)
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                SessionEngineLog.Expired(logger, key.LogHash, reason);
            }
            return Counted(engine, started, "expired", StartNew(now, staleEntry: true));
        }

        State = LoadState.Loaded;
        IsNew = false;
        CreatedAt = entry.CreatedAt;
        RefreshedAt = entry.RefreshedAt;
        HasStaleEntry = false;
        IsPersistent = entry.IsPersistent;
        PersistenceChanged = false;
        Owner = entry.Owner;
        engine.RefreshMemo.Extended(key.StorageKey, entry.RefreshedAt, entry.CreatedAt, entry.IsPersistent);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            SessionEngineLog.Loaded(logger, key.LogHash, entry.Values.Count);
        }
        return Counted(engine, started, "found", new SessionChangeSet(entry.Values));
    }

    // Every load is counted with its result and duration, however it ends (but for the caller's cancellation).
    private static SessionChangeSet Counted(SessionEngine engine, long started, string result, SessionChangeSet settled)
    {
        engine.Metrics.Load(result, Stopwatch.GetElapsedTime(started));
        return settled;
    }
}
