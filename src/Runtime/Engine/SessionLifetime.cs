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
/// read through <see cref="IdleTimeout"/> everywhere: a remembered session (<see cref="IsPersistent"/>) has the longer
/// one, and that choice is part of the session's stored state like its creation time.
/// </remarks>
internal sealed class SessionLifetime(TimeSpan idleTimeout, TimeSpan persistentIdleTimeout, TimeSpan? absoluteLifetime, double refreshThreshold)
{
    internal LoadState State { get; private set; }

    internal bool IsLoaded => State == LoadState.Loaded;

    /// <summary>This request started the session (no cookie, or it pointed to nothing live).</summary>
    internal bool IsNew { get; private set; }

    internal DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the idle expiry was last extended, by a write or a refresh.</summary>
    internal DateTimeOffset RefreshedAt { get; private set; }

    /// <summary>The user chose to be remembered (<see cref="ISessionLifecycle.RememberMe"/>): see <see cref="IdleTimeout"/>.</summary>
    internal bool IsPersistent { get; private set; }

    /// <summary>The user the session is logged in as, with its id at login and device, or <see langword="null"/> when anonymous.</summary>
    internal SessionOwner? Owner { get; private set; }

    /// <summary>The session's persistence changed in this request and is not stored yet: the next commit writes it.</summary>
    internal bool PersistenceChanged { get; private set; }

    /// <summary>
    /// The session's idle window: <see cref="TypedSessionOptions.PersistentIdleTimeout"/> for a remembered session,
    /// <c>SessionOptions.IdleTimeout</c> for every other.
    /// </summary>
    internal TimeSpan IdleTimeout => WindowOf(IsPersistent);

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
        entry.RefreshedAt + WindowOf(entry.IsPersistent) <= now ? "idle timeout" :
        null;

    /// <summary>
    /// Whether an unchanged session should extend its expiry now: only once <see cref="TypedSessionOptions.RefreshThreshold"/>
    /// of the idle timeout has passed since the last write or refresh, so that read-only requests rarely call the store.
    /// </summary>
    internal bool RefreshDue(DateTimeOffset now) => now - RefreshedAt >= RefreshWindow;

    /// <summary>
    /// The expiry a store is given at <paramref name="now"/>: the session's idle window, capped by the absolute lifetime.
    /// </summary>
    internal SessionExpiry ExpiryAt(DateTimeOffset now) => ExpiryOf(IsPersistent, CreatedAt, now) with { Owner = Owner };

    /// <summary>
    /// The expiry of a session that is, or is not, remembered and was created at <paramref name="createdAt"/>, or whose
    /// creation time is unknown (<see langword="null"/>: a session this request did not load, so only the idle window
    /// applies; its absolute lifetime is still enforced when it is loaded).
    /// </summary>
    private SessionExpiry ExpiryOf(bool persistent, DateTimeOffset? createdAt, DateTimeOffset now) =>
        new(WindowOf(persistent), absoluteLifetime is { } lifetime && createdAt is { } created ? created + lifetime : null, now);

    /// <summary>
    /// The <c>Max-Age</c> of a remembered session's cookie sent at <paramref name="now"/>: the persistent idle window,
    /// cut short by the absolute lifetime, so the cookie never outlives the session it names; <see langword="null"/>
    /// for a session that is not remembered, whose cookie is as <c>SessionOptions.Cookie</c> configures it.
    /// </summary>
    internal TimeSpan? PersistentCookieMaxAge(DateTimeOffset now) => PersistentCookieMaxAge(now, IsPersistent, CreatedAt);

    /// <summary>
    /// <see cref="PersistentCookieMaxAge(DateTimeOffset)"/> for a session this request did not load, from what the
    /// engine's memo knows: without its creation time the absolute lifetime cannot cut the cookie short (it is still
    /// enforced when the session is loaded).
    /// </summary>
    internal TimeSpan? PersistentCookieMaxAge(DateTimeOffset now, bool persistent, DateTimeOffset? createdAt)
    {
        if (!persistent)
        {
            return null;
        }
        var maxAge = persistentIdleTimeout;
        if (absoluteLifetime is { } lifetime && createdAt is { } created && created + lifetime - now < maxAge)
        {
            maxAge = created + lifetime - now;
        }
        return maxAge > TimeSpan.Zero ? maxAge : TimeSpan.Zero;
    }

    /// <summary>
    /// Makes the session remembered, or not (<see cref="ISessionLifecycle.RememberMe"/>); returns whether that changed
    /// anything, which the next commit then stores.
    /// </summary>
    internal bool Remember(bool remember)
    {
        if (IsPersistent == remember)
        {
            return false;
        }
        IsPersistent = remember;
        PersistenceChanged = true;
        return true;
    }

    /// <summary>The persistence this request chose is stored.</summary>
    internal void PersistenceStored() => PersistenceChanged = false;

    /// <summary>Puts back the persistence a failed login changed.</summary>
    internal void RestorePersistence(bool persistent, bool changed)
    {
        IsPersistent = persistent;
        PersistenceChanged = changed;
    }

    /// <summary>The session now belongs to <paramref name="owner"/> (a login, or a regenerate of a logged-in session).</summary>
    internal void OwnedBy(SessionOwner? owner) => Owner = owner;

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
        engine.RefreshMemo.Extended(key.StorageKey, now, CreatedAt, IsPersistent);
        Refreshed(engine, key);
    }

    /// <summary>
    /// Keeps alive a session that a request with its cookie never loaded: one store refresh when the engine's
    /// <see cref="SessionRefreshMemo"/> knows of no extension within the refresh window (a key it does not hold is due),
    /// nothing otherwise, so that browsing pages that never use the session neither logs an active user out nor costs a
    /// store call per request. The stores extend only an entry that still exists. A failure is logged and counted.
    /// </summary>
    /// <remarks>
    /// The session's own idle window applies when the memo knows whether it is remembered; otherwise the refresh is due
    /// after the shorter window and the store is given both, to pick by the persistence it holds
    /// (<see cref="SessionExpiry.PersistentIdleTimeout"/>), so a remembered session is never cut short.
    /// </remarks>
    internal async Task KeepUnloadedAliveAsync(SessionEngine engine, SessionStoreKey key, TimeSpan ioTimeout, CancellationToken cancellationToken)
    {
        var now = engine.Time.GetUtcNow();
        var known = engine.RefreshMemo.Find(key.StorageKey);
        var persistent = known.IsPersistent;
        if (!SessionRefreshMemo.Entry.Passed(known.RefreshedAtTicks, WindowOf(persistent ?? false) * refreshThreshold, now))
        {
            return;
        }
        var expiry = ExpiryOf(persistent ?? false, known.CreatedAt, now) with
        {
            PersistentIdleTimeout = persistent is null ? persistentIdleTimeout : null,
        };
        try
        {
            await engine.GuardedStore.RefreshAsync(key.StorageKey, expiry, ioTimeout, key, cancellationToken).ConfigureAwait(false);
        }
        catch (SessionUnavailableException)
        {
            return;
        }
        engine.RefreshMemo.Extended(key.StorageKey, now, known.CreatedAt, persistent);
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
        IsPersistent = PersistenceChanged = false;
        Owner = null;
        return new SessionChangeSet();
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

    /// <summary>The idle window of a session that is, or is not, remembered.</summary>
    internal TimeSpan WindowOf(bool persistent) => persistent ? persistentIdleTimeout : idleTimeout;

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
