using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TypedSession.Generated;

namespace TypedSession;

/// <summary>
/// One request's view of one session, created by <see cref="SessionEngine"/>. It loads at most once, tracks what the
/// request changed, and at the end writes only that (or nothing, or a rare expiry refresh). Not thread-safe, like
/// every <see cref="ISession"/>: a request uses it from one logical flow at a time.
/// </summary>
/// <remarks>
/// It orchestrates four parts, each owning one concern: <see cref="SessionChangeSet"/> (values, pending changes, size
/// budget), <see cref="SessionLifetime"/> (load state, times, expiry, remember-me), <see cref="SessionResponse"/> (which
/// cookie the response carries, and the response-start hook) and <see cref="SessionStoreKey"/> (the key and what
/// derives from it); every store call goes through the engine's <see cref="GuardedSessionStore"/>. What is left here is
/// the order of things within a request.
/// </remarks>
internal sealed partial class EngineSession : ISession, ISessionLifecycle, IUndecodableValueSink
{
    private readonly SessionEngine _engine;
    private readonly TimeSpan _ioTimeout;
    private readonly SessionLifetime _lifetime;
    private readonly SessionResponse _response;
    private SessionStoreKey _key;

    // A key this request switched away from whose expired or unreadable entry is still stored: deleted at the commit,
    // never written.
    private SessionStoreKey? _deadKey;

    // Made by every load (found, new or unavailable), so null exactly while the session is not loaded.
    private SessionChangeSet? _changes;

    // The last commit failure while changes are pending: thrown again when the response starts, so that a response
    // that starts only after the stock middleware's end-of-request commit (a redirect, an empty body) still fails.
    private SessionUnavailableException? _commitFailure;

    internal EngineSession(
        SessionEngine engine,
        HttpContext? context,
        string sessionKey,
        TimeSpan idleTimeout,
        TimeSpan ioTimeout,
        Func<bool> tryEstablishSession,
        bool isNewSessionKey)
    {
        _engine = engine;
        _ioTimeout = ioTimeout;
        var options = engine.Options;
        _lifetime = new SessionLifetime(idleTimeout, options.PersistentIdleTimeout, options.AbsoluteLifetime, options.RefreshThreshold);
        _response = new SessionResponse(engine, this, context, tryEstablishSession, cookieCameIn: !isNewSessionKey);
        _key = new SessionStoreKey(sessionKey, mayHaveEntry: !isNewSessionKey);
        if (!isNewSessionKey && !SessionIds.IsStoreKey(sessionKey))
        {
            // Only a cookie this application protected can get here, so this is another session implementation's key:
            // never look it up, start over under a key of our own.
            SessionEngineLog.UnexpectedStoreKey(engine.Logger);
            SwitchTo(SessionStoreKey.New());
        }
        else if (!isNewSessionKey && engine.RefreshMemo.Find(_key.StorageKey).IsPersistent is { } persistent)
        {
            // Before any load, the cookie's expiry is known only from the memo; a session it does not know rolls once
            // loaded (see Settle).
            _response.RollIfDue(_key.StorageKey, persistent, _lifetime.WindowOf(persistent));
        }
    }

    /// <inheritdoc />
    public bool IsAvailable => Loaded().IsLoaded;

    /// <inheritdoc />
    /// <remarks>
    /// Derived one-way from the session's key: new for every new session (a cookie that names no live session gets a
    /// fresh key), stable for the session's life, changed by <see cref="RegenerateIdAsync"/>; never the cookie value nor
    /// the key the store keeps the session under; empty when unavailable.
    /// </remarks>
    public string Id => Loaded().IsLoaded ? _key.Id : string.Empty;

    /// <inheritdoc />
    public IEnumerable<string> Keys => LoadedValues().Keys;

    /// <inheritdoc />
    public bool IsNew => Loaded().IsNew;

    /// <inheritdoc />
    public DateTimeOffset CreatedAt => Loaded().CreatedAt;

    /// <inheritdoc />
    public DateTimeOffset LastAccessedAt => Loaded().RefreshedAt;

    /// <inheritdoc />
    public DateTimeOffset ExpiresAt => Loaded().ExpiresAt;

    /// <inheritdoc />
    public bool IsPersistent => Loaded().IsPersistent;

    private SessionChangeSet Changes => _changes ?? throw new UnreachableException("The session is used before it is loaded.");

    /// <inheritdoc />
    public bool TryGetValue(string key, [NotNullWhen(true)] out byte[]? value) => LoadedValues().TryGetValue(key, out value);

    /// <inheritdoc />
    public void Set(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var changes = Writable();
        var write = changes.PrepareSet(key, value, _engine.Options.MaxSessionBytes);
        _response.Establish();
        if (changes.Apply(write))
        {
            Changed();
        }
    }

    /// <inheritdoc />
    public void Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Writable().Remove(key))
        {
            Changed();
        }
    }

    /// <inheritdoc />
    public void Clear()
    {
        if (Writable().Clear())
        {
            Changed();
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Never throws for a failing store: the session then reports <see cref="IsAvailable"/> <see langword="false"/>,
    /// reads give defaults and writes throw <see cref="SessionUnavailableException"/>. Throws
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is canceled.
    /// </remarks>
    public Task LoadAsync(CancellationToken cancellationToken = default) =>
        _lifetime.State == LoadState.NotLoaded ? LoadCoreAsync(cancellationToken) : Task.CompletedTask;

    /// <inheritdoc />
    public void OnUndecodableValue(string key, Type valueType, Exception? error) =>
        SessionEngineLog.UndecodableValue(_engine.Logger, key, _key.LogHash, valueType.Name, error);

    // The log hash costs two SHA-256 computations: the routine per-request events (Debug, and Information for new
    // sessions) compute it only when their level is on, so that a request pays for logging only when it logs.
    private bool Logs(LogLevel level) => _engine.Logger.IsEnabled(level);

    // The one way a session changes keys (a foreign key, a key that holds no live session, regenerate, destroy, a write
    // that found its session gone): no client holds a cookie for the new key, so the engine sends it itself, once
    // something is stored under it.
    private void SwitchTo(SessionStoreKey next)
    {
        _key = next;
        _response.Cookie.KeySwitched();
    }

    private void StartNew(bool staleEntry) => _changes = _lifetime.StartNew(_engine.Time.GetUtcNow(), staleEntry);

    // Loads on first use: synchronously for stock code that uses HttpContext.Session without awaiting LoadAsync, which
    // must keep working as it does with the stock store. TypedSession's own paths load asynchronously before this.
    private SessionLifetime Loaded()
    {
        if (_lifetime.State == LoadState.NotLoaded)
        {
            if (_key.MayHaveEntry)
            {
                _engine.ReportSynchronousLoad();
            }
            LoadCoreAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        return _lifetime;
    }

    private SessionChangeSet LoadedValues()
    {
        Loaded();
        return Changes;
    }

    private SessionChangeSet Writable()
    {
        ThrowIfUnavailable("write to");
        return Changes;
    }

    private void ThrowIfUnavailable(string operation)
    {
        if (Loaded().State == LoadState.Unavailable)
        {
            throw new SessionUnavailableException(
                $"Cannot {operation} the session: its store could not be reached when the session was loaded in this request (see the error logged " +
                "for the session), so the change would be lost.");
        }
    }

    // Most loads complete synchronously (an in-memory store, a cached entry): those cost no task.
    private Task LoadCoreAsync(CancellationToken cancellationToken)
    {
        var lookedUp = _key.MayHaveEntry;
        var loading = _lifetime.LoadAsync(_engine, _key, _ioTimeout, cancellationToken);
        if (loading.IsCompletedSuccessfully)
        {
            Settle(loading.Result, lookedUp);
            return Task.CompletedTask;
        }
        return AwaitLoadAsync(loading, lookedUp);
    }

    private async Task AwaitLoadAsync(ValueTask<SessionChangeSet> loading, bool lookedUp) => Settle(await loading.ConfigureAwait(false), lookedUp);

    // Strict ids: a key that was looked up and holds no live session (missing, expired, unreadable) is never used
    // again, so a planted or stale cookie cannot name the next session and successive sessions never share an Id. The
    // new session goes to a fresh key; an expired or unreadable entry under the old key is deleted at the commit.
    private void Settle(SessionChangeSet changes, bool lookedUp)
    {
        _changes = changes;
        if (!lookedUp || !_lifetime.IsLoaded)
        {
            return;
        }
        if (!_lifetime.IsNew)
        {
            // Found: now its cookie's expiry is known (see the constructor).
            _response.RollIfDue(_key.StorageKey, _lifetime.IsPersistent, _lifetime.IdleTimeout);
            return;
        }
        if (_lifetime.HasStaleEntry)
        {
            _deadKey = _key;
            // The stale entry is this session's no more: the dead key takes it along.
            _lifetime.StaleEntryDeleted();
        }
        _key.MayHaveEntry = false;
        SwitchTo(SessionStoreKey.New());
    }

}
