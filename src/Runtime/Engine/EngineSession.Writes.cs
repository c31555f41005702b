using Microsoft.Extensions.Logging;
using TypedSession.Stores;

namespace TypedSession;

// How a session reaches its store: the commit, the response-start hook that commits while a failure can still fail
// the request, and the writes themselves (an update, a new entry, a login through the per-user index).
internal sealed partial class EngineSession
{
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
    // A write that completes before it returns (the in-memory store) costs no state machine; the callers are async
    // methods, so a failure surfaces to them the same way either way.
    private Task WriteAsync(SessionStoreKey target, CancellationToken cancellationToken)
    {
        var now = _engine.Time.GetUtcNow();
        var commit = ToCommit(target, _lifetime.Owner, now, out var bytes);
        var writing = _engine.GuardedStore.CommitAsync(target.StorageKey, commit, _ioTimeout, _key, cancellationToken);
        if (!writing.IsCompletedSuccessfully)
        {
            return WriteSlowlyAsync(writing, target, commit, now, bytes);
        }
        Stored(writing.Result, target, commit, now, bytes);
        return Task.CompletedTask;
    }

    private async Task WriteSlowlyAsync(ValueTask<bool> writing, SessionStoreKey target, SessionCommit commit, DateTimeOffset now, long bytes) =>
        Stored(await writing.ConfigureAwait(false), target, commit, now, bytes);

    private void Stored(bool applied, SessionStoreKey target, SessionCommit commit, DateTimeOffset now, long bytes)
    {
        if (applied)
        {
            Written(target, commit, now, bytes);
        }
        else
        {
            EndedElsewhere();
        }
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
