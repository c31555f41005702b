using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TypedSession.Generated;
using TypedSession.Stores;

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
internal sealed class EngineSession : ISession, ISessionLifecycle, IUndecodableValueSink
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
    /// <remarks>
    /// Writes what this request changed (one store call), or refreshes the expiry of an unchanged session when
    /// <see cref="TypedSessionOptions.RefreshThreshold"/> of the idle timeout has passed, or does nothing (a session
    /// that was never loaded, or is unchanged and fresh). A failed write throws <see cref="SessionUnavailableException"/>
    /// after logging it; the changes stay pending, so a later commit retries them.
    /// </remarks>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_lifetime.IsLoaded)
        {
            if (_lifetime.State == LoadState.NotLoaded && _key.MayHaveEntry && !_response.Cookie.KeyIsNew)
            {
                // The request never used the session but carried its cookie: an active user must stay logged in.
                await _lifetime.KeepUnloadedAliveAsync(_engine, _key, _ioTimeout, cancellationToken).ConfigureAwait(false);
            }
            return;
        }
        if (_deadKey is { } dead && await _engine.GuardedStore.TryDeleteAsync(dead.StorageKey, _ioTimeout, dead, cancellationToken).ConfigureAwait(false))
        {
            _deadKey = null;
        }
        if (Changes.IsDirty || _lifetime.PersistenceChanged)
        {
            try
            {
                await WriteAsync(_key, cancellationToken).ConfigureAwait(false);
                _commitFailure = null;
            }
            catch (SessionUnavailableException failure)
            {
                // Remembered for the response start (see OnResponseStartingAsync); a regenerate's write is not a
                // commit and is reported to its caller only.
                _commitFailure = failure;
                throw;
            }
        }
        else
        {
            await _lifetime.KeepAliveAsync(_engine, _key, _ioTimeout, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// One store refresh (after a load, when the session is not loaded yet), due or not; nothing for a session that has
    /// nothing stored yet. A cookie with a <c>MaxAge</c> is re-sent with a moved expiry when the response has not started.
    /// </remarks>
    public async Task TouchAsync(CancellationToken cancellationToken = default)
    {
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        ThrowIfUnavailable("touch");
        if (_key.MayHaveEntry && !_lifetime.HasStaleEntry)
        {
            await _lifetime.RefreshAsync(_engine, _key, _ioTimeout, _engine.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        if (SessionCookie.Rolls(_engine.SessionOptions, _lifetime.IsPersistent))
        {
            _response.Resend(_lifetime.IsPersistent);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Stored with the session by the next commit (before the response starts, or at the end of the request), survives
    /// <see cref="RegenerateIdAsync"/>, and changes the cookie in this response: the current key's cookie is sent, or
    /// re-sent, with the remembered session's expiry, or without one.
    /// </remarks>
    public void RememberMe(bool remember = true)
    {
        var lifetime = Loaded();
        ThrowIfUnavailable(nameof(RememberMe));
        if (!lifetime.Remember(remember))
        {
            return;
        }
        // Like a value: the session must reach the store, and the client a cookie for it, with the new expiry.
        _response.Establish();
        _response.Resend(remember);
        Changed();
    }

    /// <inheritdoc />
    public Task RegenerateIdAsync(CancellationToken cancellationToken = default) =>
        MoveToNewKeyAsync(login: null, nameof(RegenerateIdAsync), cancellationToken);

    /// <inheritdoc />
    public string? LoggedInUserId => Loaded().Owner?.UserId;

    /// <inheritdoc />
    public Task LogInAsync(string userId, bool persistent = false, string? device = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (_engine.Store is not ISessionIndexStore)
        {
            throw new NotSupportedException(SessionDirectory.NotSupportedMessage);
        }
        return MoveToNewKeyAsync(new SessionLogin(userId, persistent, device), nameof(LogInAsync), cancellationToken);
    }

    /// <inheritdoc />
    public Task LogOutAsync(CancellationToken cancellationToken = default) => DestroyAsync(cancellationToken);

    // Regenerate and login: the values move to a new key (and id) before the old entry goes, so that a failure loses
    // nothing. A logged-in session's new entry is written through the store's per-user index, which replaces the old
    // index entry (a regenerate) or adds one under the cap (a login).
    private async Task MoveToNewKeyAsync(SessionLogin? login, string operation, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        ThrowIfUnavailable(operation);
        _response.RequireCanSend(operation);

        var old = _key;
        var next = SessionStoreKey.New();
        var changes = Changes;
        var previousOwner = _lifetime.Owner;
        var owner = login is { } l ? new SessionOwner(l.UserId, next.Id) { Device = l.Device } : previousOwner is { } p ? p with { SessionId = next.Id } : null;
        var (wasPersistent, persistenceChanged) = (_lifetime.IsPersistent, _lifetime.PersistenceChanged);
        IReadOnlyList<IndexedSession> evicted = [];
        try
        {
            if (login is { } requested)
            {
                _lifetime.Remember(requested.Persistent);
            }
            if (owner is not null)
            {
                changes.ReplaceWholeOnNextWrite();
                var replacing = previousOwner is not null && old.MayHaveEntry ? old.StorageKey : null;
                evicted = await WriteLoginAsync(next, owner, login is null ? null : _engine.SessionLimit, replacing, cancellationToken).ConfigureAwait(false);
            }
            else if (changes.Count > 0 || _lifetime.IsPersistent)
            {
                changes.ReplaceWholeOnNextWrite();
                await WriteAsync(next, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            _lifetime.RestorePersistence(wasPersistent, persistenceChanged);
            throw;
        }
        if (old.MayHaveEntry)
        {
            try
            {
                await DeleteAsync(old, cancellationToken).ConfigureAwait(false);
            }
            catch (SessionUnavailableException) when (next.MayHaveEntry)
            {
                // Keep one live copy: the old key, which the client still holds; the next commit writes it whole.
                await _engine.GuardedStore.TryDeleteAsync(next.StorageKey, _ioTimeout, _key, CancellationToken.None).ConfigureAwait(false);
                _lifetime.RestorePersistence(wasPersistent, persistenceChanged);
                changes.ReplaceWholeOnNextWrite(dirty: true);
                throw;
            }
        }

        SwitchTo(next);
        _lifetime.OwnedBy(owner);
        if (!next.MayHaveEntry)
        {
            // An empty session's first write under the new key creates its entry whole.
            changes.ReplaceWholeOnNextWrite();
        }
        _lifetime.StaleEntryDeleted();
        _response.IssueForNewKey();
        SessionEngineLog.Regenerated(_engine.Logger, old.LogHash, next.LogHash);
        var now = _engine.Time.GetUtcNow();
        _engine.Events.Raise(new SessionEvent(login is null ? SessionEventKind.Regenerated : SessionEventKind.LoggedIn, next.Id, owner?.UserId, now)
        {
            PreviousSessionId = old.Id,
        });
        foreach (var gone in evicted)
        {
            _engine.Events.Raise(new SessionEvent(SessionEventKind.Revoked, gone.Owner.SessionId, gone.Owner.UserId, now));
        }
    }

    /// <inheritdoc />
    public async Task DestroyAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_key.MayHaveEntry)
        {
            await DeleteAsync(_key, cancellationToken).ConfigureAwait(false);
        }
        SessionEngineLog.Destroyed(_engine.Logger, _key.LogHash);
        _response.ExpireOnDestroy(_key.LogHash);
        if (_key.MayHaveEntry || _lifetime.Owner is not null)
        {
            _engine.Events.Raise(new SessionEvent(SessionEventKind.Destroyed, _key.Id, _lifetime.Owner?.UserId, _engine.Time.GetUtcNow()));
        }

        // Whatever the request does next happens in a new, empty session under a new key; its first value issues a
        // new cookie (replacing the expired one).
        SwitchTo(SessionStoreKey.New());
        StartNew(staleEntry: false);
    }

    /// <inheritdoc />
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken = default)
    {
        var wasNew = _lifetime.IsNew && _lifetime.IsLoaded;
        var key = _key;
        _lifetime.Unload();
        _changes = null;
        await LoadCoreAsync(cancellationToken).ConfigureAwait(false);
        // A session this request started stays new even when this request already wrote it.
        _lifetime.KeepNew(wasNew && _response.Cookie.KeyIsNew);
        // The load switches to a fresh key when the entry is gone.
        return _lifetime.IsLoaded && ReferenceEquals(key, _key);
    }

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

    private void Changed()
    {
        if (_engine.Options.FailRequestOnCommitFailure)
        {
            _response.Hook();
        }
    }

    /// <summary>
    /// The response-start hook (<see cref="SessionResponse.Hook"/>). Runs before the stock middleware's own OnStarting
    /// callback (callbacks run in reverse order of registration and the middleware registers first), so the cookie
    /// decision made here is final.
    /// </summary>
    internal Task OnResponseStartingAsync()
    {
        var failRequest = _engine.Options.FailRequestOnCommitFailure;
        if (failRequest && _commitFailure is { } failure)
        {
            // The end-of-request commit already failed (and the middleware swallowed it): fail the response instead of
            // sending a success, and do not retry.
            _commitFailure = null;
            _changes?.Abandon();
            return Task.FromException(failure);
        }

        var pending = _changes is { IsDirty: true } || (_lifetime.IsLoaded && _lifetime.PersistenceChanged);
        _response.SendCookie(sessionStored: _key.MayHaveEntry || pending, _key, _lifetime);

        return failRequest && pending && _lifetime.IsLoaded
            ? CommitBeforeResponseAsync()
            : Task.CompletedTask;
    }

    // Committed now, while a failure can still fail the request; the request's abort token is deliberately not used,
    // as the stock commit does not use it either.
    private async Task CommitBeforeResponseAsync()
    {
        try
        {
            await CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (SessionUnavailableException)
        {
            // Logged, counted, and now failing the request: the end-of-request commit must not retry the changes of a
            // request whose client is told it failed.
            _changes?.Abandon();
            throw;
        }
    }

    // Writes the pending changes under target: the current key, or the next one during a regenerate. The first write
    // under a key creates its entry; every later one is an update that the store applies only while the entry exists.
    private async Task WriteAsync(SessionStoreKey target, CancellationToken cancellationToken)
    {
        var now = _engine.Time.GetUtcNow();
        var changes = Changes;
        var commit = ToCommit(target, _lifetime.Owner, now, out var bytes);
        if (!await _engine.GuardedStore.CommitAsync(target.StorageKey, commit, _ioTimeout, _key, cancellationToken).ConfigureAwait(false))
        {
            EndedElsewhere();
            return;
        }
        Written(target, commit, now, bytes);
    }

    // A login's (or a logged-in regenerate's) first write under target: through the store's per-user index. Returns the
    // sessions the cap evicted; throws when it refused the login.
    private async Task<IReadOnlyList<IndexedSession>> WriteLoginAsync(
        SessionStoreKey target, SessionOwner owner, SessionLimit? limit, string? replacing, CancellationToken cancellationToken)
    {
        var now = _engine.Time.GetUtcNow();
        var commit = ToCommit(target, owner, now, out var bytes);
        var result = await _engine.GuardedStore.LogInAsync(target.StorageKey, commit, limit, replacing, _ioTimeout, _key, cancellationToken).ConfigureAwait(false);
        if (result.Refused)
        {
            throw new SessionLimitExceededException(
                $"The login was refused: the user already has {limit?.MaxSessions} live sessions (TypedSessionOptions.MaxSessionsPerUser) and " +
                "TypedSessionOptions.SessionLimitPolicy is RefuseNewLogin. Log out another session first (ISessionDirectory).");
        }
        Written(target, commit, now, bytes);
        return result.Evicted;
    }

    private SessionCommit ToCommit(SessionStoreKey target, SessionOwner? owner, DateTimeOffset now, out long bytes) =>
        Changes.ToCommit(_lifetime.CreatedAt, _lifetime.ExpiryAt(now) with { Owner = owner }, out bytes) with
        {
            CreatesEntry = !target.MayHaveEntry,
            IsPersistent = _lifetime.IsPersistent,
            Owner = owner,
        };

    // What follows a stored write under target, whichever way it went.
    private void Written(SessionStoreKey target, SessionCommit commit, DateTimeOffset now, long bytes)
    {
        var changes = Changes;
        var created = commit.CreatesEntry && _lifetime.IsNew && target == _key;
        changes.Committed();
        target.MayHaveEntry = true;
        _lifetime.Extended(now);
        _lifetime.PersistenceStored();
        _engine.RefreshMemo.Extended(target.StorageKey, now, _lifetime.CreatedAt, _lifetime.IsPersistent);
        _engine.Metrics.Commit(bytes);
        if (created && _engine.Events.HasHandlers)
        {
            _engine.Events.Raise(new SessionEvent(SessionEventKind.Created, target.Id, commit.Owner?.UserId, now));
        }
        if (_lifetime.IsNew && commit.ReplaceAll && target == _key && Logs(LogLevel.Information))
        {
            SessionEngineLog.Started(_engine.Logger, _key.LogHash);
        }
        if (Logs(LogLevel.Debug))
        {
            SessionEngineLog.Committed(_engine.Logger, _key.LogHash, commit.Changed.Count, commit.Removed.Count, commit.ReplaceAll, bytes);
        }
    }

    // No resurrection: the session was destroyed, regenerated away or expired by another request while this one ran,
    // and the store wrote nothing. Like express-session and scs, the engine drops this request's changes rather than
    // bring the old key back; whatever the request does next happens in a new, empty session under a fresh key.
    private void EndedElsewhere()
    {
        SessionEngineLog.WriteDroppedSessionEnded(_engine.Logger, _key.LogHash);
        _engine.Metrics.WriteDropped();
        _key.MayHaveEntry = false;
        SwitchTo(SessionStoreKey.New());
        StartNew(staleEntry: false);
    }

    private ValueTask DeleteAsync(SessionStoreKey key, CancellationToken cancellationToken) =>
        _engine.GuardedStore.DeleteAsync(key.StorageKey, _ioTimeout, _key, cancellationToken);
}
