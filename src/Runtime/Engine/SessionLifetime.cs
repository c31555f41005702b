using System.Diagnostics;
using Microsoft.Extensions.Logging;
using TypedSession.Stores;

namespace TypedSession;

/// <summary>
/// Where one request's session stands in its life: not loaded yet, loaded (found, or started new), or unavailable
/// because the store failed; when the session was created and last written or refreshed; whether a dead entry still sits
/// under its key; and the expiry rules that follow from those times (idle timeout, absolute lifetime, refresh threshold).
/// </summary>
/// <remarks>
/// The expiry rules take the clock's time as an argument rather than reading a clock, so they are testable alone; the
/// load reads the engine's clock. Every load and start leaves a new <see cref="SessionChangeSet"/>. The idle window is
/// read through <see cref="IdleTimeout"/> everywhere, so that a per-session window (remember-me) changes it in one place.
/// </remarks>
internal sealed class SessionLifetime(TimeSpan idleTimeout, TimeSpan? absoluteLifetime, double refreshThreshold)
{
    internal LoadState State { get; private set; }

    internal bool IsLoaded => State == LoadState.Loaded;

    /// <summary>This request started the session (no cookie, or it pointed to nothing live).</summary>
    internal bool IsNew { get; private set; }

    internal DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the idle expiry was last extended, by a write or a refresh.</summary>
    internal DateTimeOffset RefreshedAt { get; private set; }

    /// <summary>The session's idle window: <c>SessionOptions.IdleTimeout</c>.</summary>
    internal TimeSpan IdleTimeout => idleTimeout;

    /// <summary>How long after an extension the next one is due (<see cref="TypedSessionOptions.RefreshThreshold"/> of the idle window).</summary>
    internal TimeSpan RefreshWindow => IdleTimeout * refreshThreshold;

    /// <summary>
    /// When the session ends if nothing else happens: the earlier of its idle expiry (<see cref="RefreshedAt"/> plus the
    /// idle window) and its absolute lifetime's end.
    /// </summary>
    internal DateTimeOffset ExpiresAt =>
        absoluteLifetime is { } lifetime && CreatedAt + lifetime < RefreshedAt + IdleTimeout ? CreatedAt + lifetime : RefreshedAt + IdleTimeout;

    /// <summary>
    /// An expired or unreadable entry still sits under the key: the first write replaces it whole, and a request that
    /// writes nothing deletes it.
    /// </summary>
    internal bool HasStaleEntry { get; private set; }

    /// <summary>Why <paramref name="entry"/> is dead at <paramref name="now"/> (for the log), or <see langword="null"/> while it lives.</summary>
    internal string? ExpiredBecause(SessionEntry entry, DateTimeOffset now) =>
        absoluteLifetime is { } lifetime && entry.CreatedAt + lifetime <= now ? "absolute lifetime" :
        entry.RefreshedAt + IdleTimeout <= now ? "idle timeout" :
        null;

    /// <summary>
    /// Whether an unchanged session should extend its expiry now: only once <see cref="TypedSessionOptions.RefreshThreshold"/>
    /// of the idle timeout has passed since the last write or refresh, so that read-only requests rarely call the store.
    /// </summary>
    internal bool RefreshDue(DateTimeOffset now) => now - RefreshedAt >= RefreshWindow;

    /// <summary>The expiry a store is given at <paramref name="now"/>: the idle timeout, capped by the absolute lifetime.</summary>
    internal SessionExpiry ExpiryAt(DateTimeOffset now) => ExpiryAt(now, CreatedAt);

    /// <summary>
    /// The expiry of a session created at <paramref name="createdAt"/>, or of one whose creation time is unknown
    /// (<see langword="null"/>: a session this request did not load, so only the idle timeout applies; its absolute
    /// lifetime is still enforced when it is loaded).
    /// </summary>
    internal SessionExpiry ExpiryAt(DateTimeOffset now, DateTimeOffset? createdAt) =>
        new(IdleTimeout, absoluteLifetime is { } lifetime && createdAt is { } created ? created + lifetime : null, now);

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

    /// <summary>
    /// What committing an unchanged session does: deletes a stale entry (see <see cref="HasStaleEntry"/>), or extends
    /// the expiry when <see cref="RefreshDue"/>, or nothing. Neither failure affects the request (both are logged and
    /// counted): the store's own expiry removes a stale entry eventually, and a session whose refresh failed keeps its
    /// values and may only expire earlier.
    /// </summary>
    internal async Task KeepAliveAsync(SessionEngine engine, SessionStoreKey key, TimeSpan ioTimeout, CancellationToken cancellationToken)
    {
        var store = engine.GuardedStore;
        if (HasStaleEntry)
        {
            if (await store.TryDeleteAsync(key.StorageKey, ioTimeout, key, cancellationToken).ConfigureAwait(false))
            {
                HasStaleEntry = false;
                key.MayHaveEntry = false;
            }
            return;
        }
        var now = engine.Time.GetUtcNow();
        if (!key.MayHaveEntry || !RefreshDue(now))
        {
            return;
        }
        try
        {
            await RefreshAsync(engine, key, ioTimeout, now, cancellationToken).ConfigureAwait(false);
        }
        catch (SessionUnavailableException)
        {
            // Logged and counted by the guarded store; the request goes on.
        }
    }

    /// <summary>
    /// Extends the expiry of the live entry under <paramref name="key"/> now, due or not (a due keep-alive, or
    /// <c>TouchAsync</c>), and records it in the engine's <see cref="SessionRefreshMemo"/>.
    /// </summary>
    /// <exception cref="SessionUnavailableException">The store failed (logged and counted).</exception>
    internal async Task RefreshAsync(SessionEngine engine, SessionStoreKey key, TimeSpan ioTimeout, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await engine.GuardedStore.RefreshAsync(key.StorageKey, ExpiryAt(now), ioTimeout, key, cancellationToken).ConfigureAwait(false);
        Extended(now);
        engine.RefreshMemo.Extended(key.StorageKey, now, CreatedAt);
        Refreshed(engine, key);
    }

    /// <summary>
    /// Keeps alive a session that a request with its cookie never loaded: one store refresh when the engine's
    /// <see cref="SessionRefreshMemo"/> knows of no extension within the refresh window (a key it does not hold is due),
    /// nothing otherwise, so that browsing pages that never use the session neither logs an active user out nor costs a
    /// store call per request. The stores extend only an entry that still exists. A failure is logged and counted.
    /// </summary>
    internal async Task KeepUnloadedAliveAsync(SessionEngine engine, SessionStoreKey key, TimeSpan ioTimeout, CancellationToken cancellationToken)
    {
        var now = engine.Time.GetUtcNow();
        var known = engine.RefreshMemo.Find(key.StorageKey);
        if (!SessionRefreshMemo.Entry.Passed(known.RefreshedAtTicks, RefreshWindow, now))
        {
            return;
        }
        var expiry = ExpiryAt(now, known.CreatedAt);
        try
        {
            await engine.GuardedStore.RefreshAsync(key.StorageKey, expiry, ioTimeout, key, cancellationToken).ConfigureAwait(false);
        }
        catch (SessionUnavailableException)
        {
            return;
        }
        engine.RefreshMemo.Extended(key.StorageKey, now, known.CreatedAt);
        Refreshed(engine, key);
    }

    private static void Refreshed(SessionEngine engine, SessionStoreKey key)
    {
        engine.Metrics.Refresh();
        if (engine.Logger.IsEnabled(LogLevel.Debug))
        {
            SessionEngineLog.Refreshed(engine.Logger, key.LogHash);
        }
    }

    /// <summary>A fresh session starts at <paramref name="now"/>; <paramref name="staleEntry"/>: see <see cref="HasStaleEntry"/>.</summary>
    internal SessionChangeSet StartNew(DateTimeOffset now, bool staleEntry)
    {
        State = LoadState.Loaded;
        IsNew = true;
        CreatedAt = RefreshedAt = now;
        HasStaleEntry = staleEntry;
        return new SessionChangeSet();
    }

    private async ValueTask<SessionChangeSet> ReadAsync(SessionEngine engine, SessionStoreKey key, TimeSpan ioTimeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        var logger = engine.Logger;
        SessionEntry? entry;
        try
        {
            entry = await engine.GuardedStore.LoadAsync(key.StorageKey, ioTimeout, key, cancellationToken).ConfigureAwait(false);
        }
        catch (CorruptSessionEntryException exception)
        {
            SessionEngineLog.CorruptEntry(logger, key.LogHash, exception.Message);
            return Counted(engine, started, "corrupt", StartNew(engine.Time.GetUtcNow(), staleEntry: true));
        }
        catch (SessionUnavailableException)
        {
            // Logged and counted by the guarded store; reads give defaults, writes throw.
            State = LoadState.Unavailable;
            return Counted(engine, started, "failed", new SessionChangeSet());
        }

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
        engine.RefreshMemo.Extended(key.StorageKey, entry.RefreshedAt, entry.CreatedAt);
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

    /// <summary>Back to not loaded, for a reload; whether the session is new is decided again by the load.</summary>
    internal void Unload()
    {
        State = LoadState.NotLoaded;
        HasStaleEntry = false;
    }

    /// <summary>A write or refresh succeeded at <paramref name="now"/>: the entry under the key is live again.</summary>
    internal void Extended(DateTimeOffset now)
    {
        RefreshedAt = now;
        HasStaleEntry = false;
    }

    /// <summary>The stale entry was deleted.</summary>
    internal void StaleEntryDeleted() => HasStaleEntry = false;

    /// <summary>Reload keeps a session this request started new even when this request already wrote it.</summary>
    internal void KeepNew(bool wasNew) => IsNew |= wasNew;
}
