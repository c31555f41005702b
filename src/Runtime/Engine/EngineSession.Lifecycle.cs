using TypedSession.Stores;

namespace TypedSession;

// The lifecycle operations of ISessionLifecycle: touch, remember-me, regenerate, login and logout, destroy, reload.
internal sealed partial class EngineSession
{
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
                // The same user's session moves (a regenerate, or a login again): it does not count against the cap. A
                // login as another user is a new login; the old entry leaves its own user's index when it is deleted.
                var replacing = previousOwner?.UserId == owner.UserId && old.MayHaveEntry ? old.StorageKey : null;
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
        if (!old.MayHaveEntry && next.MayHaveEntry)
        {
            // The session's first store: created and moved in one step.
            _engine.Events.Raise(new SessionEvent(SessionEventKind.Created, next.Id, owner?.UserId, now));
        }
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
        if (_engine.Events.HasHandlers && _lifetime.State == LoadState.NotLoaded)
        {
            // The Destroyed event names the user: a destroy without a load would not know it. Only when someone listens.
            await LoadAsync(cancellationToken).ConfigureAwait(false);
        }
        var stored = _key.MayHaveEntry;
        if (stored)
        {
            await DeleteAsync(_key, cancellationToken).ConfigureAwait(false);
        }
        SessionEngineLog.Destroyed(_engine.Logger, _key.LogHash);
        _response.ExpireOnDestroy(_key.LogHash);
        if (stored && _engine.Events.HasHandlers)
        {
            _engine.Events.Raise(new SessionEvent(SessionEventKind.Destroyed, _key.Id, _lifetime.IsLoaded ? _lifetime.Owner?.UserId : null, _engine.Time.GetUtcNow()));
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
}
