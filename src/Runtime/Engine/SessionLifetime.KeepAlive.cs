using Microsoft.Extensions.Logging;
using TypedSession.Stores;

namespace TypedSession;

// Keeping a session alive without writing it: the stale-entry delete and due refresh of an unchanged session, touch,
// and the refresh of a session a request never loaded.
internal sealed partial class SessionLifetime
{
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
}
